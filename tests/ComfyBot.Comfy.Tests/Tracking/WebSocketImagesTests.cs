using System.Text.Json.Nodes;
using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Tracking;

namespace ComfyBot.Comfy.Tests.Tracking;

public sealed class WebSocketImagesTests
{
    private static readonly PromptGraph Graph = new(new JsonObject
    {
        ["3"] = new JsonObject { ["class_type"] = "KSampler", ["inputs"] = new JsonObject() },
        ["12"] = new JsonObject { ["class_type"] = "SaveImageWebsocket", ["inputs"] = new JsonObject() },
    });

    private static PreviewImageEvent Frame(string? sender, byte mark) => new("p", sender, "image/png", new byte[] { mark }, HasMetadata: sender is not null);

    [Fact]
    public void IsOutput_SenderFromMetadata_WinsOverTheRunningNode()
    {
        var images = new WebSocketImages(new HashSet<string> { "SaveImageWebsocket" });
        Assert.True(images.IsOutput(Frame("12", 1), runningNode: "3", Graph, out var sender));
        Assert.Equal("12", sender);
        Assert.False(images.IsOutput(Frame("3", 2), runningNode: "12", Graph, out _));
    }

    [Fact]
    public void IsOutput_WithoutMetadata_IsTheRunningNodes_AndNoNodeIsNoOutput()
    {
        var images = new WebSocketImages(new HashSet<string> { "SaveImageWebsocket" });
        Assert.True(images.IsOutput(Frame(null, 1), runningNode: "12", Graph, out var sender));
        Assert.Equal("12", sender);
        Assert.False(images.IsOutput(Frame(null, 1), runningNode: "3", Graph, out _));
        Assert.False(images.IsOutput(Frame(null, 1), runningNode: null, Graph, out _));
    }

    [Fact]
    public void Keep_ImagesInOrder_AndKeptIsACopy()
    {
        var images = new WebSocketImages(new HashSet<string> { "SaveImageWebsocket" });
        images.Keep("12", Frame("12", 1));
        var kept = images.Kept;
        images.Keep("12", Frame("12", 2));

        Assert.Single(kept);
        Assert.Equal([1, 2], images.Kept.Select(i => i.Data.Span[0]));
        Assert.True(images.ExpectedFrom(Graph));
        Assert.False(new WebSocketImages(new HashSet<string> { "Other" }).ExpectedFrom(Graph));
    }
}
