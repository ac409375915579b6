using System.Text.Json.Nodes;
using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Simulator.Validation;

namespace ComfyBot.Simulator.Tests.Validation;

public sealed class PromptValidatorTests
{
    private static readonly NodeCatalog Catalog = NodeCatalog.LoadEmbedded();

    private static ValidationOutcome Validate(JsonObject prompt, IReadOnlyCollection<string>? targets = null, Func<string, bool>? fileExists = null) =>
        new PromptValidator(Catalog, fileExists ?? (_ => false)).Validate(prompt, targets);

    private static JsonObject FirstError(ValidationOutcome outcome, string node) => outcome.NodeErrors[node]!["errors"]![0]!.AsObject();

    [Fact]
    public void Constants_AreConvertedInPlace_AsPythonWould()
    {
        var prompt = Comfy.Workflow("txt2img");
        prompt["3"]!["inputs"]!["steps"] = "12";
        prompt["3"]!["inputs"]!["cfg"] = 7;

        var outcome = Validate(prompt);

        Assert.True(outcome.IsValid);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, prompt["3"]!["inputs"]!["steps"]!.GetValueKind());
        Assert.Equal(12, (int)prompt["3"]!["inputs"]!["steps"]!);
        Assert.Equal(["10", "9"], outcome.GoodOutputs);
    }

    [Theory]
    [InlineData("18446744073709551615", true, null)]
    [InlineData("18446744073709551616", false, "value_bigger_than_max")]
    [InlineData("-1", false, "value_smaller_than_min")]
    public void Seed_FullUnsignedRange_IsExact(string seed, bool valid, string? error)
    {
        var prompt = Comfy.Workflow("txt2img");
        prompt["3"]!["inputs"]!["seed"] = JsonNode.Parse(seed);

        var outcome = Validate(prompt);

        Assert.Equal(valid, outcome.IsValid);
        if (error is not null)
        {
            Assert.Equal(error, FirstError(outcome, "3")["type"]!.ToString());
            Assert.Equal($"Value {seed} {(seed.StartsWith('-') ? "smaller than min of 0" : "bigger than max of 18446744073709551615")}", FirstError(outcome, "3")["message"]!.ToString());
        }
    }

    [Fact]
    public void NumericLinkId_IsAKeyErrorOnTheLinkingNode()
    {
        var prompt = Comfy.Workflow("txt2img");
        prompt["3"]!["inputs"]!["model"] = new JsonArray(4, 0);

        var error = FirstError(Validate(prompt), "3");

        Assert.Equal("exception_during_inner_validation", error["type"]!.ToString());
        Assert.Equal("KeyError", error["extra_info"]!["exception_type"]!.ToString());
        Assert.Equal("4", error["details"]!.ToString());
    }

    [Fact]
    public void BadLinkOnTheOutputNode_IsExceptionDuringValidation_WithDetails()
    {
        var prompt = Comfy.Workflow("txt2img");
        prompt["9"]!["inputs"]!["images"] = new JsonArray("99", 0);
        prompt.Remove("10");

        var outcome = Validate(prompt);

        Assert.False(outcome.IsValid);
        Assert.Equal("exception_during_validation", FirstError(outcome, "9")["type"]!.ToString());
        Assert.Equal("Exception when validating node: '99'", outcome.Error!["details"]!.ToString());
    }

    [Fact]
    public void WrappedListValue_IsUnwrapped()
    {
        var prompt = Comfy.TraceSleep(2, "x");
        prompt["1"]!["inputs"]!["tag"] = new JsonObject { ["__value__"] = "wrapped" };

        Assert.True(Validate(prompt).IsValid);
        Assert.Equal("wrapped", prompt["1"]!["inputs"]!["tag"]!.ToString());
    }

    [Fact]
    public void PartialExecutionTargets_LimitOutputs()
    {
        var prompt = Comfy.Workflow("txt2img");
        Assert.Equal(["9"], Validate(prompt, ["9"]).GoodOutputs);
        Assert.Equal("prompt_no_outputs", Validate(prompt, ["4"]).Error!["type"]!.ToString());
    }

    [Fact]
    public void UpstreamError_ListsEveryFailedOutputAsDependent_AndNotDownstreamNodes()
    {
        var prompt = Comfy.Workflow("txt2img");
        prompt["5"]!["inputs"]!["width"] = 4;

        var outcome = Validate(prompt);

        Assert.Equal(["5"], outcome.NodeErrors.Select(p => p.Key));
        Assert.Equal(["10", "9"], outcome.NodeErrors["5"]!["dependent_outputs"]!.AsArray().Select(n => n!.ToString()));
        Assert.Equal("", outcome.Error!["details"]!.ToString());
    }

    [Fact]
    public void LoadImage_ChecksTheFileInsteadOfTheList()
    {
        var prompt = Comfy.Workflow("img2img");
        Assert.True(Validate(prompt, fileExists: name => name == "trace_input.png").IsValid);
        Assert.Equal("custom_validation_failed", FirstError(Validate(prompt), "1")["type"]!.ToString());
    }

    [Theory]
    [InlineData(1000.0, "1000.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e16, "1e+16")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    public void PyRepr_Float_MatchesPython(double value, string expected) => Assert.Equal(expected, PyRepr.Float(value));

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("a\nb", "'a\\nb'")]
    public void PyRepr_Quote_MatchesPython(string value, string expected) => Assert.Equal(expected, PyRepr.Quote(value));

    [Theory]
    [InlineData("\" 42 \"", true, "42")]
    [InlineData("\"1_000\"", true, "1000")]
    [InlineData("\"4.5\"", false, "invalid literal for int() with base 10: '4.5'")]
    [InlineData("4.9", true, "4")]
    [InlineData("true", true, "1")]
    [InlineData("null", false, "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'")]
    public void PyConvert_Int_MatchesPython(string json, bool ok, string expected)
    {
        var node = JsonNode.Parse(json);
        if (ok)
        {
            Assert.Equal(expected, PyConvert.ToInt(node).Display);
        }
        else
        {
            Assert.Equal(expected, Assert.Throws<PythonException>(() => PyConvert.ToInt(node)).PythonMessage);
        }
    }
}
