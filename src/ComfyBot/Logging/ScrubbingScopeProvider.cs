using Microsoft.Extensions.Logging;

namespace ComfyBot.Logging;

/// <summary>Hands the scopes to a provider's formatter scrubbed (the scopes themselves are kept as pushed).</summary>
internal sealed class ScrubbingScopeProvider(IExternalScopeProvider inner, LogScrubber scrubber) : IExternalScopeProvider
{
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
        inner.ForEachScope((scope, s) => callback(ScrubbedState.OfScope(scope, scrubber), s), state);

    public IDisposable Push(object? state) => inner.Push(state);
}
