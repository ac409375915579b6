using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Interactions;
using ComfyBot.Testing;

namespace ComfyBot.Benchmarks.Gateway;

/// <summary>
/// Bytes and CPU per gateway dispatch with and without <c>compress=zlib-stream</c>. A stream of INTERACTION_CREATE
/// dispatches (the /imagine fixture, each with its own id, token and sequence, as a real stream has) is deflated in
/// one zlib context with a sync flush per message, as Discord sends it; the client side then reads each message
/// (inflate, then frame read and parse to the typed Interaction) both ways. CPU is the process's CPU time over the
/// whole loop divided by the dispatch count, so it includes what the runtime spends on it (GC).
/// </summary>
internal static class GatewayCompressionHarness
{
    public static int Run(string[] args)
    {
        var count = args.Length >= 2 && args[0] == "--dispatches" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var plain = Frames(count);
        var deflated = Deflate(plain, out var deflateCpu);

        // Warm both paths up to tiered, optimised code, then alternate rounds so load drifts hit both alike; the
        // median round of each is reported.
        ReadAll(plain, compressed: false);
        ReadAll(deflated, compressed: true);
        var plainRounds = new List<TimeSpan>();
        var zlibRounds = new List<TimeSpan>();
        for (var round = 0; round < 5; round++)
        {
            plainRounds.Add(ReadAll(plain, compressed: false));
            zlibRounds.Add(ReadAll(deflated, compressed: true));
        }

        var plainCpu = plainRounds.Order().ElementAt(2);
        var zlibCpu = zlibRounds.Order().ElementAt(2);

        var plainBytes = plain.Sum(f => (long)f.Length) / (double)count;
        var zlibBytes = deflated.Sum(f => (long)f.Length) / (double)count;
        Console.WriteLine($"gateway compression: {count} INTERACTION_CREATE dispatches (/imagine fixture, fresh id and token each)");
        Console.WriteLine($"  bytes per dispatch        plain {plainBytes,8:0}   zlib-stream {zlibBytes,8:0}   ({zlibBytes / plainBytes:P0} of plain)");
        Console.WriteLine($"  client CPU per dispatch   plain {Micro(plainCpu, count),8:0.0} us  zlib-stream {Micro(zlibCpu, count),8:0.0} us (read + parse; zlib adds the inflate; median of 5 rounds)");
        Console.WriteLine($"  server deflate per dispatch                 {Micro(deflateCpu, count),8:0.0} us (what the sender pays)");
        Console.WriteLine($"  load average: {LoadAverage()}");
        return 0;
    }

    private static double Micro(TimeSpan cpu, int count) => cpu.TotalMicroseconds / count;

    private static byte[][] Frames(int count)
    {
        var template = JsonNode.Parse(File.ReadAllText(RepositoryFixtures.FixturePath("discord", "interaction_create_imagine.json")))!;
        var frames = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var frame = template.DeepClone();
            frame["s"] = i + 1;
            frame["d"]!["id"] = (1_400_000_000_000_000_000UL + (ulong)i * 4_194_304).ToString(CultureInfo.InvariantCulture);
            frame["d"]!["token"] = "aW50ZXJhY3Rpb24" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
            frames[i] = Encoding.UTF8.GetBytes(frame.ToJsonString());
        }

        return frames;
    }

    private static byte[][] Deflate(byte[][] frames, out TimeSpan cpu)
    {
        var start = Process.GetCurrentProcess().TotalProcessorTime;
        using var output = new MemoryStream();
        using var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true);
        var result = new byte[frames.Length][];
        for (var i = 0; i < frames.Length; i++)
        {
            zlib.Write(frames[i]);
            zlib.Flush();
            result[i] = output.ToArray();
            output.SetLength(0);
        }

        cpu = Process.GetCurrentProcess().TotalProcessorTime - start;
        return result;
    }

    private static TimeSpan ReadAll(byte[][] frames, bool compressed)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var inflater = new ZlibStreamInflater();
        var parsed = 0;
        var start = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var frame in frames)
        {
            buffer.ResetWrittenCount();
            if (compressed)
            {
                inflater.TryInflate(frame, buffer);
            }
            else
            {
                buffer.Write(frame);
            }

            var read = GatewayFrame.Read(buffer.WrittenSpan);
            parsed += InteractionParser.Parse(read.Data.ToArray()).Id.Value > 0 ? 1 : 0;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - start;
        if (parsed != frames.Length)
        {
            throw new InvalidOperationException($"Parsed {parsed} of {frames.Length} dispatches.");
        }

        return cpu;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
