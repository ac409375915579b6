using System.Threading.Channels;
using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Streaming;

/// <summary>
/// One consumer's view of a <see cref="ComfyEventStream"/>: every event, or only one prompt's events plus the
/// stream-wide ones (<see cref="StatusEvent"/>, <see cref="ConnectionGapEvent"/>). Buffered without bound, so
/// read it promptly; dispose it to stop receiving.
/// </summary>
public sealed class ComfyEventSubscription : IDisposable
{
    private readonly Channel<ComfyEvent> _channel = Channel.CreateUnbounded<ComfyEvent>();
    private readonly Action<ComfyEventSubscription> _remove;

    internal ComfyEventSubscription(string? promptId, Action<ComfyEventSubscription> remove)
    {
        PromptId = promptId;
        _remove = remove;
    }

    /// <summary>The prompt this subscription is for, or null for every event.</summary>
    public string? PromptId { get; }

    /// <summary>The events, in arrival order. Completes when the subscription or the stream is disposed.</summary>
    public ChannelReader<ComfyEvent> Reader => _channel.Reader;

    /// <summary>The events as an async sequence.</summary>
    public IAsyncEnumerable<ComfyEvent> ReadAllAsync(CancellationToken cancellationToken = default) => _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Stops delivery and completes <see cref="Reader"/>.</summary>
    public void Dispose()
    {
        _remove(this);
        _channel.Writer.TryComplete();
    }

    internal void Offer(ComfyEvent item)
    {
        if (PromptId is null || item is StatusEvent or ConnectionGapEvent || item.PromptId == PromptId)
        {
            _channel.Writer.TryWrite(item);
        }
    }

    internal void Complete() => _channel.Writer.TryComplete();
}
