using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Tests.Rest;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>Our gateway client against FakeDiscord with and without zlib-stream transport compression.</summary>
public sealed class GatewayCompressionTests
{
    [Theory]
    [InlineData(GatewayCompression.ZlibStream, 1)]
    [InlineData(GatewayCompression.None, 0)]
    public async Task Client_AsksForTheConfiguredCompression_AndGetsInteractionsEitherWay(GatewayCompression compression, int compressedConnections)
    {
        await using var bed = await GatewayBed.StartAsync(compression: compression);
        await bed.ConnectAsync();
        Assert.Equal(compressedConnections, bed.Fake.Gateway.CompressedConnectionCount);

        var sent = bed.Fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", "a lighthouse")]);
        var context = await bed.NextHandledAsync();
        Assert.Equal(sent.Id, context.Interaction.Id.Value);
        Assert.Equal("a lighthouse", context.Interaction.Command!.Options.Single(o => o.Name == "prompt").Text);
    }

    [Fact]
    public async Task Resume_AsksForTheSameCompression_AndStartsAFreshZlibContext()
    {
        await using var bed = await GatewayBed.StartAsync();
        await bed.ConnectAsync();

        bed.Fake.Gateway.SendReconnect();
        await bed.PumpUntilAsync(() => bed.Fake.Gateway.ResumeCount == 1 && bed.Session.State == GatewaySessionState.Ready);
        Assert.Equal(1, bed.Fake.Gateway.CompressedConnectionCount);

        // The resumed connection's frames inflate only with a new context: an interaction still gets through.
        var sent = bed.Fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", "after the resume")]);
        Assert.Equal(sent.Id, (await bed.NextHandledAsync()).Interaction.Id.Value);
    }

    [Fact]
    public void DefaultOptions_UseZlibStream_AndAnUndefinedValueIsNamed()
    {
        Assert.Equal(GatewayCompression.ZlibStream, new GatewayOptions().Compression);
        var errors = new GatewayOptionsValidator().Validate(null, new GatewayOptions { Token = "abc", Compression = (GatewayCompression)7 }).Failures!;
        Assert.Contains(errors, e => e.Contains("Compression", StringComparison.Ordinal) && e.Contains("ZlibStream", StringComparison.Ordinal));
    }

    [Fact]
    public void Query_AddsCompressOnlyForZlibStream() =>
        Assert.Equal("wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream",
            GatewaySession.WithQuery("wss://gateway.discord.gg", GatewayCompression.ZlibStream).ToString());
}
