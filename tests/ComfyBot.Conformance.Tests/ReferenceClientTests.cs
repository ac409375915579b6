using ComfyBot.FakeDiscord;

namespace ComfyBot.Conformance.Tests;

/// <summary>Real third-party client libraries against FakeDiscord: each must get through an ordinary bot's day.</summary>
public sealed class ReferenceClientTests
{
    [DiscordPyFact]
    public async Task DiscordPy_GetsThroughEveryStep()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var client = ClientProcess.Start(ClientRuntimes.Python, "discordpy_bot.py", ConformanceScenario.Environment(fake));
        await new ConformanceScenario(fake, client).RunAsync();

        // discord.py always asks for compress=zlib-stream (also when it resumes): every step above went through its inflater.
        Assert.Equal(1, fake.Gateway.CompressedConnectionCount);
    }

    [DiscordJsFact]
    public async Task DiscordJs_GetsThroughEveryStep()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var client = ClientProcess.Start("node", "discordjs_bot.js", ConformanceScenario.Environment(fake));
        await new ConformanceScenario(fake, client).RunAsync();
    }
}
