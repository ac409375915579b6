using ComfyBot.Discord;
using ComfyBot.SlashCommands;
using ComfyBot.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;

namespace ComfyBot.Tests.Commands;

/// <summary>Every command and subcommand Discord is given has a handler in the host, and no handler waits for a command Discord never gets.</summary>
public sealed class CommandCoverageTests
{
    [Fact]
    public async Task EveryRegisteredRoute_HasAHandler()
    {
        await using var bed = await BotBed.StartAsync();
        // A subcommand group (/comfy-admin filter add) routes by its name and its subcommand's.
        var expected = ComfyBotCommands.All
            .SelectMany(c => c.Options?
                .SelectMany(o => o.Type == ApplicationCommandOptionType.SubCommandGroup
                    ? o.Options!.Select(s => $"{c.Name} {o.Name} {s.Name}")
                    : o.Type == ApplicationCommandOptionType.SubCommand ? [$"{c.Name} {o.Name}"] : [])
                .DefaultIfEmpty(c.Name) ?? [c.Name])
            .Order(StringComparer.Ordinal);
        var routes = bed.Host.Services.GetServices<ISlashCommand>().Select(c => c.Route).Order(StringComparer.Ordinal);
        Assert.Equal(expected, routes);
    }
}
