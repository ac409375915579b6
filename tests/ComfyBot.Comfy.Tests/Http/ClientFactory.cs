using ComfyBot.Comfy.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Comfy.Tests.Http;

/// <summary>Builds clients whose retries wait no time, so tests never depend on the clock for them.</summary>
internal static class ClientFactory
{
    public static ComfyClient Create(ScriptedHttpHandler handler, int maxRetries = 3, TimeProvider? time = null, ILogger<ComfyClient>? logger = null) =>
        new(ScriptedHttpHandler.Client(handler), new ComfyClientOptions { MaxRetries = maxRetries, RetryBaseDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero }, time ?? TimeProvider.System, logger ?? NullLogger<ComfyClient>.Instance);
}
