using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// Fans dispatches out to subscribers, each through its own unbounded queue and loop, so the receive loop
/// only enqueues and never waits for a handler.
/// </summary>
internal sealed class GatewayDispatcher : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public GatewayDispatcher(ILogger logger) => _logger = logger;

    public IDisposable Subscribe(IGatewayDispatchHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        subscription.Start(_stopping.Token);
        return subscription;
    }

    public void Publish(GatewayDispatch dispatch)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Queue.Writer.TryWrite(dispatch);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Subscription[] subscriptions;
        lock (_gate)
        {
            subscriptions = _subscriptions;
            _subscriptions = [];
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Queue.Writer.TryComplete();
        }

        await _stopping.CancelAsync();
        foreach (var subscription in subscriptions)
        {
            await subscription.Completion;
        }

        _stopping.Dispose();
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }

        subscription.Queue.Writer.TryComplete();
    }

    private sealed class Subscription(GatewayDispatcher owner, IGatewayDispatchHandler handler) : IDisposable
    {
        public Channel<GatewayDispatch> Queue { get; } =
            Channel.CreateUnbounded<GatewayDispatch>(new UnboundedChannelOptions { SingleReader = true });

        public Task Completion { get; private set; } = Task.CompletedTask;

        public void Start(CancellationToken cancellationToken) => Completion = Task.Run(() => RunAsync(cancellationToken), CancellationToken.None);

        public void Dispose() => owner.Remove(this);

        private async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var dispatch in Queue.Reader.ReadAllAsync(cancellationToken))
                {
                    try
                    {
                        await handler.HandleAsync(dispatch, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        owner._logger.LogError(ex, "Gateway handler {Handler} failed on {Event} (shard {Shard}, seq {Sequence})",
                            handler.GetType().Name, dispatch.EventName, dispatch.ShardId, dispatch.Sequence);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: queued dispatches are dropped, as the session that produced them is gone too.
            }
        }
    }
}
