using System.Text.Json;
using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Tests.Rest;
using Microsoft.Extensions.Logging.Abstractions;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;

namespace ComfyBot.Discord.Tests.Commands;

public sealed class CommandRegistrarTests
{
    private static readonly Snowflake App = new(900);

    private static (RestTestBed Bed, CommandRegistrar Registrar) Create(string registered)
    {
        var bed = new RestTestBed();
        bed.Handler.Fallback = r => Respond(200, r.Method == HttpMethod.Get ? registered : r.BodyText);
        return (bed, new CommandRegistrar(bed.Client, NullLogger<CommandRegistrar>.Instance));
    }

    [Fact]
    public async Task Unchanged_OnlyReads_AndSendsNoPut()
    {
        var (bed, registrar) = Create(SampleCommands.Registered);
        using var disposeBed = bed;

        var result = await registrar.SyncAsync(App, null, [SampleCommands.Imagine(), SampleCommands.Admin()], default);

        Assert.False(result.Overwritten);
        Assert.Empty(result.Differences);
        Assert.Equal(["imagine", "comfy"], result.Commands.Select(c => c.Name));
        var request = Assert.Single(bed.Handler.Requests);
        Assert.Equal("GET /api/v10/applications/900/commands", $"{request.Method} {request.PathAndQuery}");
    }

    [Fact]
    public async Task ChangedDescription_IsOverwrittenWithOnePut()
    {
        var (bed, registrar) = Create(SampleCommands.Registered);
        using var disposeBed = bed;
        var imagine = SampleCommands.Imagine() with { Description = "Draw something" };

        var result = await registrar.SyncAsync(App, null, [imagine, SampleCommands.Admin()], default);

        Assert.True(result.Overwritten);
        Assert.Equal(["'imagine' changed"], result.Differences);
        Assert.Equal(["GET", "PUT"], bed.Handler.Requests.Select(r => r.Method.Method));
        using var sent = JsonDocument.Parse(bed.Handler.Requests[1].Json);
        Assert.Equal("Draw something", sent.RootElement[0].GetProperty("description").GetString());
        Assert.Equal(2, sent.RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("required")]
    [InlineData("choice")]
    [InlineData("permissions")]
    [InlineData("order")]
    [InlineData("contexts")]
    public async Task AnyDefinedFieldChanging_IsADifference(string change)
    {
        var (bed, registrar) = Create(SampleCommands.Registered);
        using var disposeBed = bed;
        var imagine = SampleCommands.Imagine();
        var admin = SampleCommands.Admin();
        switch (change)
        {
            case "required":
                imagine = imagine with { Options = [imagine.Options[0], imagine.Options[1] with { Required = true }, .. imagine.Options.Skip(2)] };
                break;
            case "choice":
                imagine = imagine with { Options = [.. imagine.Options.Take(3), imagine.Options[3] with { Choices = [new CommandChoice("Square", "1024x1024")] }] };
                break;
            case "permissions":
                admin = admin with { DefaultMemberPermissions = 8 };
                break;
            case "order":
                imagine = imagine with { Options = [imagine.Options[0], imagine.Options[2], imagine.Options[1], imagine.Options[3]] };
                break;
            case "contexts":
                imagine = imagine with { Contexts = [InteractionContextType.Guild, InteractionContextType.BotDm] };
                break;
        }

        var result = await registrar.SyncAsync(App, null, [imagine, admin], default);

        Assert.True(result.Overwritten);
        Assert.Single(result.Differences);
    }

    [Fact]
    public async Task ExtraRegisteredCommand_IsRemovedByTheOverwrite()
    {
        var (bed, registrar) = Create(SampleCommands.Registered);
        using var disposeBed = bed;

        var result = await registrar.SyncAsync(App, null, [SampleCommands.Imagine()], default);

        Assert.True(result.Overwritten);
        Assert.Equal(["'comfy' is registered but no longer defined"], result.Differences);
    }

    [Fact]
    public async Task GuildScope_UsesTheGuildRoute()
    {
        var (bed, registrar) = Create("[]");
        using var disposeBed = bed;

        var result = await registrar.SyncAsync(App, new Snowflake(555), [SampleCommands.Imagine()], default);

        Assert.True(result.Overwritten);
        Assert.Equal(["'imagine' is new"], result.Differences);
        Assert.Equal(["GET /api/v10/applications/900/guilds/555/commands", "PUT /api/v10/applications/900/guilds/555/commands"],
            bed.Handler.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
    }

    [Fact]
    public async Task InvalidDefinition_SendsNothing()
    {
        var (bed, registrar) = Create("[]");
        using var disposeBed = bed;

        await Assert.ThrowsAsync<ComfyBot.Discord.Rest.DiscordValidationException>(
            () => registrar.SyncAsync(App, null, [new CommandDefinition("Imagine", "x")], default));

        Assert.Empty(bed.Handler.Requests);
    }

    [Fact]
    public async Task PutBody_WritesPermissionsAsAString_AndNoNulls()
    {
        var (bed, registrar) = Create("[]");
        using var disposeBed = bed;

        await registrar.SyncAsync(App, null, [SampleCommands.Admin()], default);

        var json = bed.Handler.Requests[1].Json;
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        using var sent = JsonDocument.Parse(json);
        var admin = sent.RootElement[0];
        Assert.Equal("32", admin.GetProperty("default_member_permissions").GetString());
        Assert.Equal(1, admin.GetProperty("type").GetInt32());
        Assert.False(admin.TryGetProperty("nsfw", out _));
        Assert.Equal(
            """{"type":2,"name":"queue","description":"The queue","options":[{"type":1,"name":"clear","description":"Drop every waiting job"},{"type":1,"name":"ban","description":"Stop a member from queueing","options":[{"type":6,"name":"member","description":"Who","required":true}]}]}""",
            admin.GetProperty("options")[0].GetRawText());
    }
}
