using System.Buffers.Binary;
using System.Text;
using ComfyBot.Comfy.Events;
using ComfyBot.Testing;

namespace ComfyBot.Comfy.Tests.Events;

public sealed class ComfyEventParserTests
{
    private readonly ComfyEventParser _parser = new();

    private ComfyEvent Parse(string json) => _parser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Progress_WithIds_ParsesEveryField()
    {
        var e = Assert.IsType<ProgressEvent>(Parse("""{"type":"progress","data":{"value":3,"max":8,"prompt_id":"p1","node":"3"}}"""));
        Assert.Equal(("p1", "3", 3, 8), (e.PromptId, e.NodeId, e.Value, e.Max));
    }

    [Fact]
    public void Progress_RepeatedIds_ReuseTheSameStrings()
    {
        var a = (ProgressEvent)Parse("""{"type":"progress","data":{"value":1,"max":8,"prompt_id":"p1","node":"3"}}""");
        var b = (ProgressEvent)Parse("""{"type":"progress","data":{"value":2,"max":8,"prompt_id":"p1","node":"3"}}""");
        Assert.Same(a.PromptId, b.PromptId);
        Assert.Same(a.NodeId, b.NodeId);
    }

    [Fact]
    public void Progress_FloatValues_AreRounded()
    {
        var e = (ProgressEvent)Parse("""{"type":"progress","data":{"value":1.0,"max":2.0,"prompt_id":null,"node":null}}""");
        Assert.Equal((1, 2, null, null), (e.Value, e.Max, e.PromptId, e.NodeId));
    }

    [Fact]
    public void Executing_NodeNull_IsPromptFinished()
    {
        var e = Assert.IsType<ExecutingEvent>(Parse("""{"type":"executing","data":{"node":null,"prompt_id":"p1"}}"""));
        Assert.True(e.IsPromptFinished);
        Assert.Null(e.NodeId);
    }

    [Fact]
    public void Executing_ReconnectForm_HasNodeButNoPrompt()
    {
        var e = Assert.IsType<ExecutingEvent>(Parse("""{"type":"executing","data":{"node":"1"}}"""));
        Assert.Equal("1", e.NodeId);
        Assert.Null(e.PromptId);
        Assert.False(e.IsPromptFinished);
    }

    [Fact]
    public void Data_BeforeType_StillParses()
    {
        var e = Assert.IsType<ExecutionStartEvent>(Parse("""{"data":{"prompt_id":"p1","timestamp":17},"type":"execution_start"}"""));
        Assert.Equal(("p1", 17L), (e.PromptId, e.Timestamp));
    }

    [Fact]
    public void UnknownType_IsUnknownEvent_NotAnException()
    {
        var e = Assert.IsType<UnknownEvent>(Parse("""{"type":"crystools.monitor","data":{"cpu":3}}"""));
        Assert.Equal("crystools.monitor", e.Type);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("""{"data":{}}""", "has no 'type'")]
    [InlineData("""{"type":"progress"}""", "no 'data'")]
    [InlineData("""{"type":"execution_start","data":{"timestamp":1}}""", "'execution_start' message has no 'prompt_id'")]
    public void Malformed_Throws_WithASpecificMessage(string json, string expected)
    {
        var ex = Assert.Throws<ComfyProtocolException>(() => Parse(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Executed_ListsImageFilesAndKeepsRawOutput()
    {
        var json = RepositoryFixtures.ReadText("comfy", "samples", "ws_executed.json");
        var e = Assert.IsType<ExecutedEvent>(Parse(json));
        Assert.NotEmpty(e.Files);
        Assert.All(e.Files, f => Assert.Equal(e.NodeId, f.NodeId));
        Assert.Equal("images", e.Files[0].Kind);
        Assert.NotNull(e.OutputJson);
    }

    [Fact]
    public void Executed_CachedWithoutUi_HasNoFilesAndNullOutput()
    {
        var e = Assert.IsType<ExecutedEvent>(Parse(RepositoryFixtures.ReadText("comfy", "samples", "ws_executed_cached_no_ui.json")));
        Assert.Empty(e.Files);
        Assert.Null(e.OutputJson);
    }

    [Fact]
    public void ExecutionError_Sample_NamesNodeClassAndException()
    {
        var e = Assert.IsType<ExecutionErrorEvent>(Parse(RepositoryFixtures.ReadText("comfy", "samples", "ws_execution_error.json")));
        Assert.NotNull(e.NodeId);
        Assert.NotNull(e.NodeType);
        Assert.NotNull(e.ExceptionType);
        Assert.NotNull(e.ExceptionMessage);
        Assert.True(e.IsFatal);
    }

    [Fact]
    public void ExecutionError_ExecutionBlockedWithoutTimestamp_IsNotFatal()
    {
        var e = (ExecutionErrorEvent)Parse("""{"type":"execution_error","data":{"prompt_id":"p","node_id":"4","node_type":"X","exception_type":"ExecutionBlocked","exception_message":"m","traceback":[],"current_inputs":[],"current_outputs":[]}}""");
        Assert.False(e.IsFatal);
    }

    [Fact]
    public void ProgressState_Sample_ListsNodesWithState()
    {
        var e = Assert.IsType<ProgressStateEvent>(Parse(RepositoryFixtures.ReadText("comfy", "samples", "ws_progress_state.json")));
        Assert.Contains(e.Nodes, n => n is { NodeId: "3", State: "running", Value: 7, Max: 20 });
        Assert.Contains(e.Nodes, n => n is { NodeId: "4", IsFinished: true });
    }

    [Fact]
    public void Status_OnConnect_CarriesSid()
    {
        var e = Assert.IsType<StatusEvent>(Parse(RepositoryFixtures.ReadText("comfy", "samples", "ws_status_on_connect.json")));
        Assert.NotNull(e.Sid);
    }

    [Fact]
    public void FeatureFlags_ServerReply_ReadsFlags()
    {
        var e = Assert.IsType<FeatureFlagsEvent>(Parse(RepositoryFixtures.ReadText("comfy", "samples", "ws_server_feature_flags.json")));
        Assert.True(e.SupportsPreviewMetadata);
    }

    [Fact]
    public void Logs_Sample_ReadsEntries()
    {
        var e = Assert.IsType<LogsEvent>(Parse(RepositoryFixtures.ReadText("comfy", "samples", "ws_logs.json")));
        Assert.NotEmpty(e.Entries);
    }

    [Fact]
    public void ParseData_HistoryMessage_ParsesByGivenType()
    {
        var e = Assert.IsType<ExecutionInterruptedEvent>(_parser.ParseData("execution_interrupted", """{"prompt_id":"p","node_id":"3","node_type":"KSampler","executed":["5"],"timestamp":1}"""u8));
        Assert.Equal(("3", "KSampler"), (e.NodeId, e.NodeType));
        Assert.Equal(["5"], e.Executed);
    }

    [Fact]
    public void Binary_Type3Text_SplitsNodeIdAndText()
    {
        var node = "10"u8.ToArray();
        var text = "héllo"u8.ToArray();
        var frame = new byte[8 + node.Length + text.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, 3);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)node.Length);
        node.CopyTo(frame, 8);
        text.CopyTo(frame, 8 + node.Length);
        var e = Assert.IsType<TextEvent>(_parser.ParseBinary(frame));
        Assert.Equal(("10", "héllo"), (e.NodeId, e.Text));
    }

    [Fact]
    public void Binary_Type1Png_IsASliceWithoutCopy()
    {
        byte[] frame = [0, 0, 0, 1, 0, 0, 0, 2, 0x89, 0x50, 0x4E, 0x47];
        var e = Assert.IsType<PreviewImageEvent>(_parser.ParseBinary(frame));
        Assert.Equal("image/png", e.MimeType);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(e.Image, out var segment));
        Assert.Same(frame, segment.Array);
        Assert.Equal(8, segment.Offset);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 }, "4-byte event type")]
    [InlineData(new byte[] { 0, 0, 0, 4, 0, 0, 0, 9, 1 }, "9 bytes long but the frame has only 1")]
    [InlineData(new byte[] { 0, 0, 0, 1, 0, 0, 0, 7, 1 }, "image format 7")]
    public void Binary_Malformed_ThrowsWithLayoutDetails(byte[] frame, string expected)
    {
        var ex = Assert.Throws<ComfyProtocolException>(() => _parser.ParseBinary(frame));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_UnknownType_IsUnknownEvent()
    {
        var e = Assert.IsType<UnknownEvent>(_parser.ParseBinary(new byte[] { 0, 0, 0, 9, 1, 2 }));
        Assert.Equal("binary:9", e.Type);
    }
}
