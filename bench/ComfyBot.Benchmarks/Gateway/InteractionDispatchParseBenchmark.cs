using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Interactions;
using ComfyBot.Testing;

namespace ComfyBot.Benchmarks.Gateway;

/// <summary>
/// The gateway's hot path for an interaction: read the envelope of an INTERACTION_CREATE frame, copy its
/// <c>d</c> as the dispatcher does, and parse it into the typed Interaction. Target: 100,000 per second on
/// one core, i.e. at most 10 us per frame. Two frames from tests/fixtures/discord: a typical /imagine
/// (~2.3 KB) and the field-by-field test fixture (~3 KB, every option type and resolved map).
/// <see cref="TokenizeOnly"/> is the floor: one bare Utf8JsonReader pass over the frame, no work; the
/// Ratio column makes results comparable on a busy machine.
/// </summary>
[MemoryDiagnoser]
// Not sealed: BenchmarkDotNet generates a class deriving from it.
public class InteractionDispatchParseBenchmark
{
    private byte[] _frame = [];

    [Params("interaction_create_imagine.json", "interaction_create_command.json")]
    public string Fixture { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup() => _frame = File.ReadAllBytes(RepositoryFixtures.FixturePath("discord", Fixture));

    [Benchmark(Baseline = true)]
    public int TokenizeOnly()
    {
        var reader = new Utf8JsonReader(_frame);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark]
    public Interaction FrameToInteraction()
    {
        var frame = GatewayFrame.Read(_frame);
        var data = frame.Data.ToArray();
        return InteractionParser.Parse(data);
    }
}
