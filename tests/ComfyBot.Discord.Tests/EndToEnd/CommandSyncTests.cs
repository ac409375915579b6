using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Tests.Commands;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>Command registration against FakeDiscord's command store: overwrite only what changed.</summary>
public sealed class CommandSyncTests
{
    [Fact]
    public async Task Sync_PutsOnce_SkipsIdentical_PutsAgainWhenChanged()
    {
        await using var bed = await RestBed.StartAsync(fake => fake.RateLimits.Enforce = false);
        var registrar = new CommandRegistrar(bed.Client, NullLogger<CommandRegistrar>.Instance);
        CommandDefinition[] commands = [SampleCommands.Imagine(), SampleCommands.Admin()];

        var first = await registrar.SyncAsync(bed.ApplicationId, null, commands, default);
        Assert.True(first.Overwritten);
        Assert.Equal(1, bed.Fake.CommandOverwriteCount);
        Assert.Equal(["imagine", "comfy"], first.Commands.Select(c => c.Name));
        Assert.All(first.Commands, c => Assert.NotEqual(default, c.Id));

        var second = await registrar.SyncAsync(bed.ApplicationId, null, commands, default);
        Assert.False(second.Overwritten);
        Assert.Empty(second.Differences);
        Assert.Equal(1, bed.Fake.CommandOverwriteCount);
        Assert.Equal(first.Commands.Select(c => c.Id), second.Commands.Select(c => c.Id));

        var changed = await registrar.SyncAsync(bed.ApplicationId, null, [SampleCommands.Imagine() with { Description = "Draw something" }, SampleCommands.Admin()], default);
        Assert.True(changed.Overwritten);
        Assert.NotEmpty(changed.Differences);
        Assert.Equal(2, bed.Fake.CommandOverwriteCount);
        Assert.Equal("Draw something", bed.Fake.GetCommands().Single(c => c.GetProperty("name").GetString() == "imagine").GetProperty("description").GetString());
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Sync_GuildScope_IsKeptApartFromGlobal()
    {
        await using var bed = await RestBed.StartAsync(fake => fake.RateLimits.Enforce = false);
        var registrar = new CommandRegistrar(bed.Client, NullLogger<CommandRegistrar>.Instance);
        var guild = new Snowflake(bed.Fake.Guilds[0].Id);

        await registrar.SyncAsync(bed.ApplicationId, guild, [SampleCommands.Imagine()], default);
        var global = await registrar.SyncAsync(bed.ApplicationId, null, [SampleCommands.Imagine()], default);
        var again = await registrar.SyncAsync(bed.ApplicationId, guild, [SampleCommands.Imagine()], default);

        Assert.True(global.Overwritten);
        Assert.False(again.Overwritten);
        Assert.Equal(2, bed.Fake.CommandOverwriteCount);
        Assert.Single(bed.Fake.GetCommands(guild.Value));
        bed.Fake.AssertNoContractViolations();
    }
}
