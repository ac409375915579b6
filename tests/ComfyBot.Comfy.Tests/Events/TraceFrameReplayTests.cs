using System.Text;
using ComfyBot.Comfy.Events;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Comfy.Tests.Events;

/// <summary>Every frame the real server sent in every recorded scenario parses to the right typed event.</summary>
public sealed class TraceFrameReplayTests
{
    public static TheoryData<string> Scenarios() => [.. TraceReader.Scenarios()];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryTextFrame_ParsesToItsTypedEvent(string scenario)
    {
        var parser = new ComfyEventParser();
        foreach (var record in TraceReader.Read(scenario).Where(r => r.Kind == "ws_text"))
        {
            var parsed = parser.Parse(Encoding.UTF8.GetBytes(record.Raw!));
            var expected = record.Type switch
            {
                "status" => typeof(StatusEvent),
                "feature_flags" => typeof(FeatureFlagsEvent),
                "execution_start" => typeof(ExecutionStartEvent),
                "execution_cached" => typeof(ExecutionCachedEvent),
                "executing" => typeof(ExecutingEvent),
                "progress" => typeof(ProgressEvent),
                "progress_state" => typeof(ProgressStateEvent),
                "executed" => typeof(ExecutedEvent),
                "execution_success" => typeof(ExecutionSuccessEvent),
                "execution_error" => typeof(ExecutionErrorEvent),
                "execution_interrupted" => typeof(ExecutionInterruptedEvent),
                _ => typeof(UnknownEvent),
            };
            Assert.True(parsed.GetType() == expected, $"{record}: parsed as {parsed.GetType().Name}, expected {expected.Name}");
            if (record.Raw!.Contains("\"prompt_id\": \"", StringComparison.Ordinal) && parsed is not StatusEvent)
            {
                Assert.False(parsed.PromptId is null, $"{record}: prompt_id was lost");
            }
        }
    }

    [Fact]
    public void ExecutedFrames_InTxt2Img_ListTheRecordedFiles()
    {
        var parser = new ComfyEventParser();
        var files = TraceReader.Read("02_txt2img")
            .Where(r => r.Type == "executed")
            .SelectMany(r => ((ExecutedEvent)parser.Parse(Encoding.UTF8.GetBytes(r.Raw!))).Files)
            .ToList();
        Assert.Contains(files, f => f is { NodeId: "9", File: { Filename: "trace_txt2img_00001_.png", Type: "output", Subfolder: "" } });
        Assert.Contains(files, f => f is { NodeId: "10", File.Type: "temp" });
        Assert.Equal(4, files.Count);
    }

    [Fact]
    public void SavedBinaryFrames_ParseWithTheRecordedLayout()
    {
        var parser = new ComfyEventParser();
        var saved = TraceReader.Scenarios().SelectMany(TraceReader.Read).Where(r => r.Kind == "ws_binary" && r.Saved is not null).ToList();
        Assert.NotEmpty(saved);
        foreach (var record in saved)
        {
            var frame = TraceReader.ReadSaved(record);
            Assert.Equal(record.Head16, Convert.ToHexStringLower(frame.AsSpan(0, 16)));
            var preview = Assert.IsType<PreviewImageEvent>(parser.ParseBinary(frame));
            Assert.Equal(record.Line["image_len"]!.GetValue<int>(), preview.Image.Length);
            Assert.Equal(record.Line["image_magic"]!.GetValue<string>(), Convert.ToHexStringLower(preview.Image.Span[..4]));
            if (record.BinaryEvent == 4)
            {
                var metadata = record.Line["metadata"]!;
                Assert.True(preview.HasMetadata);
                Assert.Equal(metadata["prompt_id"]!.GetValue<string>(), preview.PromptId);
                Assert.Equal(metadata["node_id"]!.GetValue<string>(), preview.NodeId);
                Assert.Equal(metadata["image_type"]!.GetValue<string>(), preview.MimeType);
            }
            else
            {
                Assert.False(preview.HasMetadata);
                Assert.Null(preview.PromptId);
                Assert.Equal("image/jpeg", preview.MimeType);
            }
        }
    }
}
