using System.Text.Json.Nodes;
using ComfyBot.Simulator.Sockets;
using ComfyBot.Simulator.Tests.Support;

namespace ComfyBot.Simulator.Tests.Wire;

/// <summary>JSON on the wire as Python's json.dumps writes it: the expected strings are its own output.</summary>
public sealed class WireJsonTests
{
    [Theory]
    [InlineData("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":0}},"sid":"A"}}""",
        """{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 0}}, "sid": "A"}}""")]
    [InlineData("""{"a":[1,2,{"b":null,"c":true}],"t":"caf\u00e9 \ud83d\ude00 <tag> & 'q' \"dq\" back\\slash \n\t\u0001\u007f"}""",
        """{"a": [1, 2, {"b": null, "c": true}], "t": "caf\u00e9 \ud83d\ude00 <tag> & 'q' \"dq\" back\\slash \n\t\u0001\u007f"}""")]
    [InlineData("""{"e":{},"l":[],"s":"a, b: c"}""", """{"e": {}, "l": [], "s": "a, b: c"}""")]
    public void Write_GivesWhatJsonDumpsGives(string value, string python)
    {
        Assert.Equal(python, WireJson.Write(JsonNode.Parse(value)!));
    }

    [Fact]
    public async Task TheFirstStatusFrame_IsTheRecordedOneByteForByte()
    {
        await using var sim = await Comfy.StartAsync();
        await using var a = await SimSocket.ConnectAsync(sim, "A");

        Assert.Equal("""{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 0}}, "sid": "A"}}""", a.Messages[0].Text);
    }

    [Fact]
    public async Task AnHttpBody_IsWrittenAsAiohttpWritesIt_WithItsLength()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        using var response = await http.GetAsync("/prompt");

        // The recording's GET /prompt answer: Content-Length 37 for this exact text.
        Assert.Equal("""{"exec_info": {"queue_remaining": 0}}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(37, response.Content.Headers.ContentLength);
    }
}
