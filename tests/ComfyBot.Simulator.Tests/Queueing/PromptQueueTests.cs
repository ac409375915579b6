using System.Text.Json.Nodes;
using ComfyBot.Simulator.Queueing;
using ComfyBot.Simulator.Sockets;

namespace ComfyBot.Simulator.Tests.Queueing;

public sealed class PromptQueueTests
{
    private static QueuedPrompt Item(double number, string id) => new(number, false, id, [], [], ["1"]);

    [Fact]
    public async Task Take_OrdersByNumberThenPromptId()
    {
        var queue = new PromptQueue(new SocketHub());
        queue.Put(Item(5, "b"));
        queue.Put(Item(-3, "z"));
        queue.Put(Item(5, "a"));
        queue.Put(Item(1, "c"));

        var order = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            order.Add((await queue.TakeAsync(CancellationToken.None)).PromptId);
            queue.TaskDone();
        }

        Assert.Equal(["z", "c", "a", "b"], order);
    }

    [Fact]
    public async Task Delete_AffectsPendingOnly_AndClearKeepsRunning()
    {
        var queue = new PromptQueue(new SocketHub());
        queue.Put(Item(0, "running"));
        await queue.TakeAsync(CancellationToken.None);
        queue.Put(Item(1, "p1"));
        queue.Put(Item(2, "p2"));

        Assert.False(queue.Delete("running"));
        Assert.True(queue.Delete("p1"));
        Assert.False(queue.Delete("p1"));
        Assert.Equal(2, queue.Remaining);
        queue.Clear();
        Assert.Equal(1, queue.Remaining);
        Assert.True(queue.IsRunning("running"));
        var snapshot = queue.Snapshot();
        Assert.Single(snapshot["queue_running"]!.AsArray());
        Assert.Empty(snapshot["queue_pending"]!.AsArray());
    }

    [Fact]
    public async Task Take_WaitsForAnItem()
    {
        var queue = new PromptQueue(new SocketHub());
        var take = queue.TakeAsync(CancellationToken.None);
        Assert.False(take.IsCompleted);
        queue.Put(Item(0, "late"));
        Assert.Equal("late", (await take.WaitAsync(TimeSpan.FromSeconds(20))).PromptId);
    }

    [Fact]
    public void Counter_StartsAtZero_AndCountsEveryCall()
    {
        var queue = new PromptQueue(new SocketHub());
        Assert.Equal([0L, 1L, 2L], [queue.NextNumber(), queue.NextNumber(), queue.NextNumber()]);
    }

    [Fact]
    public void Tuple_HasTheFiveRecordedFields_WithFloatNumbersForClientNumbers()
    {
        var tuple = new QueuedPrompt(7, true, "id", [], new JsonObject { ["client_id"] = "A" }, ["9"]).ToTuple();
        Assert.Equal(5, tuple.Count);
        Assert.Equal("7", tuple[0]!.ToJsonString().TrimEnd('0').TrimEnd('.'));
        Assert.Equal("A", tuple[3]!["client_id"]!.ToString());
    }
}
