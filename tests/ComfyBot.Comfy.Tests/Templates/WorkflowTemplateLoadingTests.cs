using ComfyBot.Comfy.Templates;
using ComfyBot.Testing;

namespace ComfyBot.Comfy.Tests.Templates;

public sealed class WorkflowTemplateLoadingTests
{
    [Fact]
    public void Parse_UiFormatWorkflow_IsRefusedWithExportInstructions()
    {
        const string ui = """{"last_node_id": 9, "nodes": [{"id": 3, "type": "KSampler"}], "links": [[1, 4, 0, 3, 0, "MODEL"]], "version": 0.4}""";

        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(ui, new() { Name = "ui.json" }));

        Assert.Contains("'ui.json'", error.Message, StringComparison.Ordinal);
        Assert.Contains("UI format", error.Message, StringComparison.Ordinal);
        Assert.Contains("Export (API)", error.Message, StringComparison.Ordinal);
        Assert.Contains("dev mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("Save (API Format)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "an array")]
    [InlineData("\"text\"", "the string \"text\"")]
    [InlineData("null", "got null")]
    public void Parse_RootNotAnObject_SaysWhatItGot(string json, string expected)
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(json));
        Assert.Contains("must be a JSON object mapping node ids to nodes", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidJson_SaysSo()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse("{\"3\": {"));
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateNodeIds_AreRefused()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(
            """{"3": {"class_type": "A", "inputs": {}}, "3": {"class_type": "B", "inputs": {}}}"""));
        Assert.Contains("'3'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("uplicate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyObject_SaysItHasNoNodes()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse("{}"));
        Assert.Contains("has no nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WholePromptBody_SaysToKeepOnlyThePrompt()
    {
        var body = RepositoryFixtures.ReadText("comfy", "samples", "http_post_prompt_request.json");
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(body));
        Assert.Contains("POST /prompt body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NodeWithoutClassType_NamesTheNode()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse("""{"5": {"inputs": {"width": 512}}}"""));
        Assert.Equal("5", error.NodeId);
        Assert.Contains("node '5' has no \"class_type\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NodeWithoutInputs_NamesTheNodeAndTheFix()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse("""{"9": {"class_type": "SaveImage"}}"""));
        Assert.Equal("9", error.NodeId);
        Assert.Contains("node '9' (SaveImage) has no \"inputs\" object", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"inputs\": {}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NodeNotAnObject_NamesTheNode()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse("""{"7": 12}"""));
        Assert.Contains("node '7' must be an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LinkToMissingNode_NamesBothNodesAndTheInput()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(
            """{"8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}}, "3": {"class_type": "EmptyLatentImage", "inputs": {}}}"""));

        Assert.Equal(("8", "vae"), (error.NodeId, error.InputName));
        Assert.Contains("node '8' (VAEDecode) input 'vae' links to node '4', which is not in the workflow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NumericLinkId_ShowsTheStringForm()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(
            """{"4": {"class_type": "CheckpointLoaderSimple", "inputs": {}}, "8": {"class_type": "VAEDecode", "inputs": {"vae": [4, 2]}}}"""));

        Assert.Equal(("8", "vae"), (error.NodeId, error.InputName));
        Assert.Contains("numeric node id [4,2]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[\"4\", 2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ListThatIsNotALink_SuggestsTheValueWrapper()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(
            """{"1": {"class_type": "Custom", "inputs": {"values": [1, 2, 3]}}}"""));
        Assert.Contains("{\"__value__\": [...]}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_NamesThePath()
    {
        var error = await Assert.ThrowsAsync<WorkflowTemplateException>(() => WorkflowTemplate.LoadAsync("/nonexistent/flow.json"));
        Assert.Contains("'/nonexistent/flow.json' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c_link_to_missing_node.json", "3", "positive", "links to node '99', which is not in the workflow")]
    [InlineData("j_node_without_class_type.json", "1", null, "has no \"class_type\"")]
    [InlineData("m_malformed_link.json", "3", "positive", "which is not a link")]
    public void Parse_RecordedInvalidBodies_AreRefusedNamingTheNode(string file, string nodeId, string? input, string expected)
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(RecordedInvalid.Prompt(file)));

        Assert.Equal((nodeId, input), (error.NodeId, error.InputName));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e2_body_is_array.json", "an array")]
    [InlineData("e4_prompt_is_string.json", "the string")]
    [InlineData("e5_prompt_empty_object.json", "has no nodes")]
    [InlineData("e6_prompt_null.json", "got null")]
    public void Parse_RecordedBadPromptShapes_AreRefused(string file, string expected)
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(RecordedInvalid.Prompt(file)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
