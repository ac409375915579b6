using ComfyBot.Discord.Interactions;

namespace ComfyBot.Discord.Tests.Interactions;

/// <summary>A handler that acknowledges every interaction at once and keeps the first it saw and how many came.</summary>
internal sealed class AcknowledgingHandler : IInteractionHandler
{
    private int _count;

    public TaskCompletionSource<InteractionContext> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count => Volatile.Read(ref _count);

    public Task HandleAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);

        // Stands for the REST callback the real handler sends before acknowledging.
        context.Acknowledge();
        Received.TrySetResult(context);
        return Task.CompletedTask;
    }
}
