using System.Globalization;
using System.Text.Json.Nodes;
using ComfyBot.Cli;
using ComfyBot.FakeDiscord;

namespace ComfyBot.Tests.Cli;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class RegisterCommandsCommandTests
{
    [Fact]
    public async Task RegisterCommands_CreatesThemOnce_ThenReportsUpToDate()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        var guild = fake.Guilds[0].Id.ToString(CultureInfo.InvariantCulture);
        using var config = ConfigFile.Write(Discord(fake));

        var first = await CliRun.ExecuteAsync("register-commands", "--config", config.Path, "--guild", guild);
        var second = await CliRun.ExecuteAsync("register-commands", "--config", config.Path, "--guild", guild);

        Assert.Equal(ExitCode.Success, first.Code);
        Assert.Contains($"Commands in guild {guild}: updated", first.Output, StringComparison.Ordinal);
        Assert.Contains("created 'imagine'", first.Output, StringComparison.Ordinal);
        Assert.Contains("created 'comfy-admin'", first.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Success, second.Code);
        Assert.Contains($"Commands in guild {guild}: already up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterCommands_WithoutGuilds_RegistersGlobally_ReadingTheApplicationIdFromDiscord()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        var discord = Discord(fake);
        discord["Discord"]!.AsObject().Remove("ApplicationId");
        using var config = ConfigFile.Write(discord);

        var run = await CliRun.ExecuteAsync("register-commands", "--config", config.Path);

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Contains("Commands globally", run.Output, StringComparison.Ordinal);
        Assert.Contains("created 'imagine'", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterCommands_WithGuildIdsSet_RemovesTheGlobalCopies_SoNoCommandShowsTwice()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var global = ConfigFile.Write(Discord(fake));
        Assert.Equal(ExitCode.Success, (await CliRun.ExecuteAsync("register-commands", "--config", global.Path)).Code);
        Assert.NotEmpty(fake.GetCommands());
        var settings = Discord(fake);
        settings["Discord"]!["GuildIds"] = new JsonArray(fake.Guilds[0].Id);
        using var guilds = ConfigFile.Write(settings);

        var run = await CliRun.ExecuteAsync("register-commands", "--config", guilds.Path);

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Contains("Commands globally: removed 'imagine', 'queue', 'cancel', 'workflows', 'comfy-admin'", run.Output, StringComparison.Ordinal);
        Assert.Empty(fake.GetCommands());
        Assert.Equal(ComfyBot.SlashCommands.ComfyBotCommands.All.Count, fake.GetCommands(fake.Guilds[0].Id).Count);
    }

    [Fact]
    public async Task RegisterCommands_ForOneGuildByFlag_BesideGlobalOnes_SaysHowToAvoidDuplicates_AndKeepsThem()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var config = ConfigFile.Write(Discord(fake));
        Assert.Equal(ExitCode.Success, (await CliRun.ExecuteAsync("register-commands", "--config", config.Path)).Code);

        var run = await CliRun.ExecuteAsync("register-commands", "--config", config.Path, "--guild", fake.Guilds[0].Id.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Contains("are also registered globally, so members of these guilds see them twice", run.Output, StringComparison.Ordinal);
        Assert.Equal(ComfyBot.SlashCommands.ComfyBotCommands.All.Count, fake.GetCommands().Count);
    }

    [Fact]
    public async Task RegisterCommands_WithAWrongToken_SaysTheTokenIsWrong_WithoutPrintingIt()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        var discord = Discord(fake);
        discord["Discord"]!["Token"] = "wrong.token.value";
        using var config = ConfigFile.Write(discord);

        var run = await CliRun.ExecuteAsync("register-commands", "--config", config.Path);

        Assert.Equal(ExitCode.InvalidConfiguration, run.Code);
        Assert.Contains("the token is wrong", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong.token.value", run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterCommands_WithABadGuildId_IsAUsageError()
    {
        var run = await CliRun.ExecuteAsync("register-commands", "--guild", "my-server");

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("--guild 'my-server' is not a server id", run.Errors, StringComparison.Ordinal);
    }

    internal static JsonObject Discord(FakeDiscordServer fake) => new()
    {
        ["Discord"] = new JsonObject
        {
            ["Token"] = fake.BotToken,
            ["ApiBaseUrl"] = fake.BaseAddress.ToString(),
            ["ApplicationId"] = fake.ApplicationId.ToString(CultureInfo.InvariantCulture),
        },
    };
}
