using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ComfyBot.Comfy.Templates;
using ComfyBot.Testing;

namespace ComfyBot.Benchmarks.Templates;

/// <summary>
/// Rendering the 30-node hires/regional workflow (tests/fixtures/workflows/hires_regional_30.json) with a full set of
/// parameters. Target: mean under 20 µs for <see cref="Render"/>. The JsonNode variants show what a per-render
/// parse or deep clone would cost instead.
/// </summary>
// Not sealed: BenchmarkDotNet generates a subclass of each benchmark type.
[MemoryDiagnoser]
public class RenderTemplateBenchmark
{
    private WorkflowTemplate _template = null!;
    private JsonObject _source = null!;
    private WorkflowParameters _parameters = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _template = await WorkflowTemplate.LoadAsync(RepositoryFixtures.FixturePath("workflows", "hires_regional_30.json"));
        _source = _template.ToJsonObject();
        _parameters = new WorkflowParameters
        {
            Prompt = "a lighthouse at dusk, \"dramatic\" light\nwith emoji 🌅",
            Negative = "blurry, lowres",
            Seed = 18446744073709551615,
            Width = 768,
            Height = 512,
            Steps = 28,
            Cfg = 6.5,
            Sampler = "dpmpp_2m",
            Scheduler = "karras",
        };
    }

    [Benchmark(Baseline = true)]
    public RenderedWorkflow Render() => _template.Render(_parameters);

    [Benchmark]
    public RenderedWorkflow RenderRandomSeed() => _template.Render(WorkflowParameters.None);

    [Benchmark]
    public JsonObject RenderToJsonObject() => _template.Render(_parameters).ToJsonObject();

    [Benchmark]
    public string DeepCloneAndSetForComparison()
    {
        var copy = _source.DeepClone().AsObject();
        foreach (var binding in _template.Bindings)
        {
            foreach (var input in binding.Inputs)
            {
                copy[input.NodeId]!["inputs"]![input.InputName] = binding.Parameter switch
                {
                    WorkflowParameter.Prompt => _parameters.Prompt,
                    WorkflowParameter.Negative => _parameters.Negative,
                    WorkflowParameter.Seed => _parameters.Seed,
                    WorkflowParameter.Steps => _parameters.Steps,
                    _ => copy[input.NodeId]!["inputs"]![input.InputName]!.DeepClone(),
                };
            }
        }

        return copy.ToJsonString();
    }
}
