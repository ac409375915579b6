using System.Text.Json.Nodes;
using ComfyBot.Simulator.Sockets;
using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing;

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
    public void A_PreviewWithMetadata_CarriesTheRecordedMetadataByteForByte()
    {
        // The metadata of a type-4 preview is json.dumps output too; the simulator wrote it compact.
        var recorded = File.ReadAllBytes(RepositoryFixtures.FixturePath("comfy", "traces", "files", "ws_binary_007_B-1_event4.bin"));
        var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(recorded.AsSpan(4));
        var metadata = recorded.AsSpan(8, length).ToArray();

        var frame = PreviewFrames.WithMetadata([0xFF, 0xD8], "3d523f99-1c74-4ea9-9ac0-962c0cfe2a2f", "1", "image/jpeg").Payload.ToArray();

        Assert.Equal(recorded.AsSpan(0, 8).ToArray(), frame.AsSpan(0, 8).ToArray());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(metadata), System.Text.Encoding.UTF8.GetString(frame, 8, length));
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
