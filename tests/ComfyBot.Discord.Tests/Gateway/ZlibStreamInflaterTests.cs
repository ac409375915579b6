using System.Buffers;
using System.IO.Compression;
using System.Text;
using ComfyBot.Discord.Gateway;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class ZlibStreamInflaterTests
{
    /// <summary>What Discord sends: one zlib stream for the connection, each message sync-flushed.</summary>
    private static List<byte[]> Deflate(params string[] messages)
    {
        using var output = new MemoryStream();
        using var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true);
        var frames = new List<byte[]>();
        foreach (var message in messages)
        {
            zlib.Write(Encoding.UTF8.GetBytes(message));
            zlib.Flush();
            frames.Add(output.ToArray());
            output.SetLength(0);
        }

        return frames;
    }

    [Fact]
    public void MessagesOfOneStream_InflateInOrder_EachNeedingTheOnesBefore()
    {
        var text = """{"op":0,"t":"MESSAGE","d":{"content":"the same words again and again"}}""";
        var frames = Deflate(text, text, """{"op":11}""");
        Assert.True(frames[1].Length < frames[0].Length, "the second copy refers back to the first");

        using var inflater = new ZlibStreamInflater();
        foreach (var (frame, expected) in frames.Zip([text, text, """{"op":11}"""]))
        {
            var output = new ArrayBufferWriter<byte>();
            Assert.True(inflater.TryInflate(frame, output));
            Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
        }
    }

    [Fact]
    public void AMessageWithoutTheSyncFlushSuffix_WaitsForTheRest()
    {
        var frame = Deflate("""{"op":10,"d":{"heartbeat_interval":41250}}""")[0];
        using var inflater = new ZlibStreamInflater();
        var output = new ArrayBufferWriter<byte>();

        Assert.False(inflater.TryInflate(frame.AsSpan(0, frame.Length - 6), output));
        Assert.Equal(0, output.WrittenCount);
        Assert.True(inflater.TryInflate(frame.AsSpan(frame.Length - 6), output));
        Assert.Equal("""{"op":10,"d":{"heartbeat_interval":41250}}""", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
