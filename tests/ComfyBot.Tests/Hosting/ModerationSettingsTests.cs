using ComfyBot.Hosting;
using ComfyBot.SlashCommands;
using Microsoft.Extensions.Configuration;

namespace ComfyBot.Tests.Hosting;

/// <summary>The moderation settings and /comfy-admin's permission: every problem named by its key, with the fix.</summary>
public sealed class ModerationSettingsTests
{
    [Fact]
    public void BadFilterRulesAndChannelTemplates_AreListedTogether_WithTheirKeys()
    {
        var configuration = Json("""
            { "ComfyBot": {
                "Discord": { "Token": "a.b.c" },
                "Backends": [ { "Name": "gpu-1", "Url": "http://127.0.0.1:8188/" } ],
                "Moderation": {
                  "BlockedWords": [ "gore" ],
                  "BlockedPatterns": [ "(unclosed", "\\bok\\b" ],
                  "Channels": [ { "ChannelId": 42, "Templates": [ "txt2img", "sdxl" ], "Spoiler": true } ] } } }
            """);

        var problems = BotOptionsValidator.Check(configuration, out _);

        Assert.Contains(problems, p => p.StartsWith("ComfyBot:Moderation:BlockedPatterns:0 is '(unclosed', which is not a regular expression: Invalid pattern '(unclosed' at offset 9. Not enough )'s.", StringComparison.Ordinal));
        Assert.Contains("ComfyBot:Moderation:Channels:0:Templates:1 is 'sdxl', which is not a configured template; use one of: txt2img.", problems);
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void AdminCommandPermission_MisspelledKeyOrUnknownValue_IsAProblemWithTheFix()
    {
        var misspelled = SettingsKeyCheck.Find(Json("""{ "ComfyBot": { "Discord": { "AdminComandPermission": "Everyone" } } }"""));
        var wrong = SettingsKeyCheck.Find(Json("""{ "ComfyBot": { "Discord": { "AdminCommandPermission": "ManageServers" } } }"""));

        Assert.StartsWith("ComfyBot:Discord:AdminComandPermission is not a setting; did you mean ComfyBot:Discord:AdminCommandPermission?", Assert.Single(misspelled.Unknown), StringComparison.Ordinal);
        Assert.Equal(
            "ComfyBot:Discord:AdminCommandPermission is 'ManageServers', which is not one of ManageServer, Administrator, ManageChannels, ManageMessages, ManageRoles, ModerateMembers, KickMembers, BanMembers, Everyone.",
            Assert.Single(wrong.WrongValues));
    }

    [Theory]
    [InlineData("ManageServer", 32UL)]
    [InlineData("ManageMessages", 8192UL)]
    [InlineData("Everyone", null)]
    public void Registered_ShowsComfyAdminByTheConfiguredPermission_AndLeavesTheOtherCommandsAlone(string permission, ulong? bits)
    {
        var commands = ComfyBotCommands.Registered(new DiscordSettings { AdminCommandPermission = Enum.Parse<AdminCommandPermission>(permission) });

        Assert.Equal(bits, commands.Single(c => c.Name == ComfyBotCommands.AdminName).DefaultMemberPermissions);
        Assert.Equal(ComfyBotCommands.All.Where(c => c.Name != ComfyBotCommands.AdminName), commands.Where(c => c.Name != ComfyBotCommands.AdminName));
    }

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
}
