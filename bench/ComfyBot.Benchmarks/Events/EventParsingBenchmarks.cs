using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;
using ComfyBot.Comfy.Events;

namespace ComfyBot.Benchmarks.Events;

/// <summary>
/// Event-stream parsing throughput on one core: each invoke parses <see cref="Batch"/> frames, so the
/// reported time per operation is per message (messages/s = 1 s / mean). Target: >= 3,000,000 progress/s.
/// </summary>
[MemoryDiagnoser]
public class EventParsingBenchmarks
{
    private const int Batch = 1000;

    private readonly ComfyEventParser _parser = new();
    private byte[][] _progress = [];
    private byte[] _executing = [];
    private byte[] _executed = [];
    private byte[] _preview = [];

    [GlobalSetup]
    public void Setup()
    {
        // Recorded shapes (02_txt2img), with the step varying as it does in a real run.
        _progress = [.. Enumerable.Range(1, 20).Select(step => Encoding.UTF8.GetBytes(
            $$$"""{"type": "progress", "data": {"value": {{{step}}}, "max": 20, "prompt_id": "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00", "node": "3"}}"""))];
        _executing = """{"type": "executing", "data": {"node": "3", "display_node": "3", "prompt_id": "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00"}}"""u8.ToArray();
        _executed = """{"type": "executed", "data": {"node": "9", "display_node": "9", "output": {"images": [{"filename": "trace_txt2img_00001_.png", "subfolder": "", "type": "output"}, {"filename": "trace_txt2img_00002_.png", "subfolder": "", "type": "output"}]}, "prompt_id": "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00"}}"""u8.ToArray();

        var metadata = """{"node_id": "3", "prompt_id": "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00", "display_node_id": "3", "parent_node_id": null, "real_node_id": "3", "image_type": "image/jpeg"}"""u8.ToArray();
        _preview = new byte[8 + metadata.Length + 80_000];
        BinaryPrimitives.WriteUInt32BigEndian(_preview, 4);
        BinaryPrimitives.WriteUInt32BigEndian(_preview.AsSpan(4), (uint)metadata.Length);
        metadata.CopyTo(_preview, 8);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Progress()
    {
        var sum = 0;
        for (var i = 0; i < Batch; i++)
        {
            sum += ((ProgressEvent)_parser.Parse(_progress[i % _progress.Length])).Value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Executing()
    {
        var sum = 0;
        for (var i = 0; i < Batch; i++)
        {
            sum += ((ExecutingEvent)_parser.Parse(_executing)).NodeId!.Length;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Executed()
    {
        var sum = 0;
        for (var i = 0; i < Batch; i++)
        {
            sum += ((ExecutedEvent)_parser.Parse(_executed)).Files.Count;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int PreviewType4()
    {
        var sum = 0;
        for (var i = 0; i < Batch; i++)
        {
            sum += ((PreviewImageEvent)_parser.ParseBinary(_preview)).Image.Length;
        }

        return sum;
    }
}
