using System.Text;
using System.Threading.Channels;
using ComfyBot.Comfy.Streaming;

namespace ComfyBot.Comfy.Tests.Streaming;

/// <summary>A socket the test feeds frame by frame; every lifecycle step is written to a shared log.</summary>
internal sealed class ScriptedSocket(int number, List<string> log, Func<Exception?>? connectFailure = null, Action? onClose = null, bool greet = true) : IComfySocket
{
    private readonly Channel<ComfySocketMessage?> _incoming = Channel.CreateUnbounded<ComfySocketMessage?>();

    public int Number { get; } = number;

    public Uri? Uri { get; private set; }

    public List<string> Sent { get; } = [];

    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Text(string json) => _incoming.Writer.TryWrite(new ComfySocketMessage(true, Encoding.UTF8.GetBytes(json)));

    public void Binary(byte[] frame) => _incoming.Writer.TryWrite(new ComfySocketMessage(false, frame));

    /// <summary>The server closes the connection after the frames already fed.</summary>
    public void ServerClose() => _incoming.Writer.TryWrite(null);

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        Uri = uri;
        Log($"connect#{Number}");
        if (connectFailure?.Invoke() is { } failure)
        {
            return Task.FromException(failure);
        }

        // As ComfyUI does: register the client id, then greet the socket with the queue status and its sid.
        if (greet)
        {
            Text($$$"""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":0}},"sid":"socket {{{Number}}}"}}""");
        }

        return Task.CompletedTask;
    }

    public Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        Sent.Add(Encoding.UTF8.GetString(utf8.Span));
        Log($"send#{Number}");
        return Task.CompletedTask;
    }

    public async ValueTask<ComfySocketMessage?> ReceiveAsync(CancellationToken cancellationToken) =>
        await _incoming.Reader.ReadAsync(cancellationToken);

    public Task CloseAsync(CancellationToken cancellationToken)
    {
        Log($"close#{Number}");
        onClose?.Invoke();
        Closed.TrySetResult();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Log(string entry)
    {
        lock (log)
        {
            log.Add(entry);
        }
    }
}
