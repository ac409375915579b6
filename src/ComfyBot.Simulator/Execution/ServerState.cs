using ComfyBot.Simulator.Queueing;
using ComfyBot.Simulator.Sockets;

namespace ComfyBot.Simulator.Execution;

/// <summary>
/// Everything a ComfyUI process keeps in memory and loses on restart: queue and counter, history, caches,
/// progress, the interrupt flag, and the worker that runs prompts.
/// </summary>
internal sealed class ServerState : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _worker = Task.CompletedTask;

    public ServerState(SocketHub hub)
    {
        Queue = new PromptQueue(hub);
    }

    public PromptQueue Queue { get; }

    public HistoryStore History { get; } = new();

    public OutputCache Cache { get; } = new();

    public ProgressState Progress { get; } = new();

    public InterruptSignal Interrupt { get; } = new();

    public CancellationToken Stopping => _stop.Token;

    public void StartWorker(Func<ServerState, CancellationToken, Task> loop) => _worker = loop(this, _stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _worker;
        }
        catch (OperationCanceledException)
        {
            // The worker ends by cancellation; a killed process sends nothing more.
        }

        Interrupt.Dispose();
        _stop.Dispose();
    }
}
