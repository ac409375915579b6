using System.Text.Json;
using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Http;

namespace ComfyBot.Comfy.Tests.Http;

public sealed class HistoryReaderTests
{
    private static List<HistoryEntry> Read(string json) => HistoryReader.Read(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Read_NotAnObject_IsAProtocolError()
    {
        var ex = Assert.Throws<ComfyProtocolException>(() => Read("[]"));
        Assert.Contains("keyed by prompt id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EntryThatIsNotAnObject_IsLeftOut()
    {
        var entries = Read("""{"a":[1],"b":{"prompt":[4,"b",{},{},[]],"outputs":{},"status":{"status_str":"success","completed":true,"messages":[]}}}""");
        var entry = Assert.Single(entries);
        Assert.Equal(("b", 4d, true), (entry.PromptId, entry.Number, entry.IsSuccess));
    }

    [Fact]
    public void Read_StatusMessages_GiveStartAndEndTimes_AndIgnoreImpossibleTimestamps()
    {
        var entry = Assert.Single(Read("""
            {"p":{"prompt":[1,"p"],"status":{"status_str":"success","completed":true,"messages":[
              ["execution_start",{"prompt_id":"p","timestamp":1795749158360}],
              ["execution_success",{"prompt_id":"p","timestamp":1795749164883}],
              ["execution_success",{"prompt_id":"p","timestamp":-5}]]}}}
            """));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795749158360), entry.StartedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795749164883), entry.EndedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(6523), entry.RunTime);
    }

    [Fact]
    public void Read_BlockedNodeWithoutTimestamp_IsNotTheEntrysError()
    {
        // An ExecutionBlocked message without a timestamp is not fatal: the run went on past it.
        var entry = Assert.Single(Read("""
            {"p":{"prompt":[1,"p"],"status":{"status_str":"success","completed":true,"messages":[
              ["execution_error",{"prompt_id":"p","node_id":"4","node_type":"X","exception_type":"ExecutionBlocked","exception_message":"blocked","traceback":[],"current_inputs":{},"current_outputs":{}}]]}}}
            """));

        Assert.Null(entry.Error);
        Assert.True(entry.IsSuccess);
    }
}
