using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Interactions;

/// <summary>
/// Starts the handler for each interaction in its own task (an interaction must not wait behind another's
/// 3-second deadline) and owns those tasks: disposing cancels and awaits them.
/// </summary>
internal sealed class InteractionDispatcher : IAsyncDisposable
{
    private readonly IInteractionHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    public InteractionDispatcher(IInteractionHandler handler, ILogger logger)
    {
        _handler = handler;
        _logger = logger;
    }

    public InteractionContext Dispatch(Interaction interaction, InteractionSource source)
    {
        var context = new InteractionContext(interaction, source);
        var task = Task.Run(() => RunAsync(context), CancellationToken.None);
        lock (_gate)
        {
            _running.Add(task);
        }

        _ = task.ContinueWith(Forget, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
        _stopping.Dispose();
    }

    private static void Forget(Task task, object? state)
    {
        var owner = (InteractionDispatcher)state!;
        lock (owner._gate)
        {
            owner._running.Remove(task);
        }
    }

    private async Task RunAsync(InteractionContext context)
    {
        try
        {
            await _handler.HandleAsync(context, _stopping.Token);
            if (!context.IsAcknowledged)
            {
                context.Fail(new InvalidOperationException($"The handler finished {context.Interaction} without calling Acknowledge()."));
            }
        }
        catch (Exception ex)
        {
            // Interaction.ToString leaves out the token, so this line is safe to log.
            _logger.LogError(ex, "Interaction handler failed on {Interaction} from {Source}", context.Interaction, context.Source);
            context.Fail(ex);
        }
    }
}
