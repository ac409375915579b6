using System.Threading.Channels;
using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Streaming;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// One prompt's events as its run reads them, under a watchdog: the next event, or null when none came within the
/// patience given. Once the stream has ended (it was disposed) each read waits its patience out on the clock and gives
/// null, so the run goes on polling at that pace. Disposing it ends the subscription.
/// </summary>
internal sealed class PromptEvents(ComfyEventSubscription subscription, string promptId, TimeProvider time, ILogger logger) : IDisposable
{
    private bool _ended;

    /// <summary>The events as they are, for reads without a watchdog.</summary>
    public ChannelReader<ComfyEvent> Reader => subscription.Reader;

    public async Task<ComfyEvent?> NextAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var reader = subscription.Reader;
        if (reader.TryRead(out var ready))
        {
            return ready;
        }

        if (_ended)
        {
            await Task.Delay(patience, time, cancellationToken);
            return null;
        }

        using var watchdog = new CancellationTokenSource(patience, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watchdog.Token);
        try
        {
            while (await reader.WaitToReadAsync(linked.Token))
            {
                if (reader.TryRead(out var item))
                {
                    return item;
                }
            }

            // The event stream was disposed: keep going on polls alone.
            _ended = true;
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("Prompt {PromptId}: no event for {Interval}; polling.", promptId, patience);
            return null;
        }
    }

    public void Dispose() => subscription.Dispose();
}
