using System.Text.Json;
using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Http;

namespace ComfyBot.Comfy.Tests.Http;

public sealed class QueueReaderTests
{
    private static JsonElement Root(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Read_Items_KeepNumberIdAndTheClientIdOfExtraData()
    {
        var queue = QueueReader.Read(Root("""{"queue_running":[[7,"r",{},{"client_id":"bot"},["9"]]],"queue_pending":[[8,"p",{},{},[]],[9,"q"]]}"""));

        Assert.Equal(new QueueItem(7, "r", "bot"), Assert.Single(queue.Running));
        Assert.Equal([new QueueItem(8, "p", null), new QueueItem(9, "q", null)], queue.Pending);
    }

    [Fact]
    public void Read_MissingLists_AreEmpty()
    {
        var queue = QueueReader.Read(Root("""{"queue_running":"not a list"}"""));
        Assert.Empty(queue.Running);
        Assert.Empty(queue.Pending);
    }

    [Fact]
    public void Read_ItemWithoutPromptId_IsAProtocolErrorNamingTheListAndTheItem()
    {
        var ex = Assert.Throws<ComfyProtocolException>(() => QueueReader.Read(Root("""{"queue_running":[],"queue_pending":[[3]]}""")));
        Assert.Contains("queue_pending", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphOf_RunningOrPendingPrompt_IsItsSubmittedGraph()
    {
        var root = Root("""{"queue_running":[[1,"a",{"3":{"class_type":"KSampler"}},{},[]]],"queue_pending":[[2,"b",{"9":{"class_type":"SaveImage"}},{},[]]]}""");

        Assert.Equal("KSampler", QueueReader.GraphOf(root, "a")!["3"]!["class_type"]!.GetValue<string>());
        Assert.Equal("SaveImage", QueueReader.GraphOf(root, "b")!["9"]!["class_type"]!.GetValue<string>());
        Assert.Null(QueueReader.GraphOf(root, "c"));
    }
}
