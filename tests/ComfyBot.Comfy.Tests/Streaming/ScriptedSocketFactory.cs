using System.Threading.Channels;
using ComfyBot.Comfy.Streaming;

namespace ComfyBot.Comfy.Tests.Streaming;

/// <summary>Hands out scripted sockets and lets the test await each one as the stream creates it.</summary>
internal sealed class ScriptedSocketFactory : IComfySocketFactory
{
    private readonly Channel<ScriptedSocket> _created = Channel.CreateUnbounded<ScriptedSocket>();
    private int _count;

    public List<string> Log { get; } = [];

    /// <summary>Decides, per socket number (1-based), whether its connect fails.</summary>
    public Func<int, Exception?> ConnectFailure { get; set; } = _ => null;

    public Action? OnClose { get; set; }

    /// <summary>Whether each socket greets with the on-connect status as ComfyUI does (a test may play it by hand).</summary>
    public bool Greet { get; set; } = true;

    public IComfySocket Create()
    {
        var number = Interlocked.Increment(ref _count);
        var socket = new ScriptedSocket(number, Log, () => ConnectFailure(number), OnClose, Greet);
        _created.Writer.TryWrite(socket);
        return socket;
    }

    public async Task<ScriptedSocket> NextAsync() => await _created.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
