using System.Text;
using System.Text.Json;
using ComfyBot.Discord.Gateway;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class GatewayFrameTests
{
    [Fact]
    public void Read_Dispatch_GivesOpcodeSequenceNameAndExactDataSpan()
    {
        var bytes = """{"t":"INTERACTION_CREATE","s":42,"op":0,"d":{"id":"1","nested":{"a":[1,2]}}}"""u8.ToArray();

        var frame = GatewayFrame.Read(bytes);

        Assert.Equal(0, frame.Opcode);
        Assert.Equal(42, frame.Sequence);
        Assert.Same(GatewayEventNames.InteractionCreate, frame.EventName);
        Assert.Equal("""{"id":"1","nested":{"a":[1,2]}}""", Encoding.UTF8.GetString(frame.Data));
    }

    [Fact]
    public void Read_NonDispatch_HasNullSequenceAndName()
    {
        var frame = GatewayFrame.Read("""{"op":9,"d":false,"s":null,"t":null}"""u8);

        Assert.Equal(9, frame.Opcode);
        Assert.Null(frame.Sequence);
        Assert.Null(frame.EventName);
        Assert.Equal("false", Encoding.UTF8.GetString(frame.Data));
    }

    [Fact]
    public void Read_WithoutOp_Throws() =>
        Assert.Throws<JsonException>(() => GatewayFrame.Read("""{"d":null}"""u8.ToArray()));

    [Fact]
    public void WithQuery_AppendsVersionAndEncoding() =>
        Assert.Equal("wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json", GatewaySession.WithQuery("wss://gateway-us-east1-b.discord.gg").ToString());
}
