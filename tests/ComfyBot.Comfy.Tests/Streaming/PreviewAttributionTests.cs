using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Streaming;

namespace ComfyBot.Comfy.Tests.Streaming;

public sealed class PreviewAttributionTests
{
    private static readonly PreviewImageEvent Bare = new(null, null, "image/jpeg", new byte[] { 1 }, HasMetadata: false);

    [Fact]
    public void Attribute_BarePreview_GetsThePromptLastSeenRunning()
    {
        var attribution = new PreviewAttribution();
        attribution.Attribute(new ExecutionStartEvent("a", 1));
        Assert.Equal("a", attribution.Attribute(Bare).PromptId);

        attribution.Attribute(new ProgressEvent("b", "3", 1, 20));
        Assert.Equal("b", attribution.Attribute(Bare).PromptId);
    }

    [Fact]
    public void Attribute_AfterThePromptFinished_LeavesThePreviewUnnamed()
    {
        var attribution = new PreviewAttribution();
        attribution.Attribute(new ExecutingEvent("a", "3", "3"));
        attribution.Attribute(new ExecutingEvent("other", null, null));
        Assert.Equal("a", attribution.Attribute(Bare).PromptId);

        attribution.Attribute(new ExecutingEvent("a", null, null));
        Assert.Null(attribution.Attribute(Bare).PromptId);
    }

    [Fact]
    public void Attribute_PreviewNamingItsPrompt_IsLeftAsItIs_AndResetForgetsTheRunningPrompt()
    {
        var attribution = new PreviewAttribution();
        attribution.Attribute(new ExecutionStartEvent("a", 1));
        var named = Bare with { PromptId = "b" };
        Assert.Same(named, attribution.Attribute(named));

        attribution.Reset();
        Assert.Same(Bare, attribution.Attribute(Bare));
    }
}
