using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.Commands;

/// <summary>Every /comfy-admin subcommand is refused to a member the bot does not know as an admin, and changes nothing.</summary>
public sealed class AdminRefusalTests
{
    [Fact]
    public async Task EverySubcommand_FromANonAdmin_IsRefusedEphemerallyAndChangesNothing()
    {
        await using var bed = await CommandSteps.StartAsync();
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "running");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "waiting");
        var jobs = bed.Runtime.Jobs.ListQueue().Select(e => e.Job.Id).ToList();
        var alice = CommandSteps.Alice.User!;
        var job = SlashCommandOption.Text("job", $"#{jobs[1]}");
        var member = SlashCommandOption.Member("member", alice);
        var subcommands = new (string Name, SlashCommandOption[] Options)[]
        {
            ("queue", []), ("cancel", [job]), ("cancel-user", [member]), ("clear", []), ("interrupt", []),
            ("pause", []), ("resume", []), ("bump", [job]), ("ban", [member]), ("unban", [member]), ("backends", []),
        };

        // Bob's client sends what Discord's default_member_permissions would have hidden from him.
        foreach (var (name, options) in subcommands)
        {
            var answer = await CommandSteps.AdminAsync(bed, CommandSteps.Bob, name, options);
            Assert.True(answer.IsEphemeral, name);
            Assert.Equal(
                $"Only ComfyBot admins can use /comfy-admin {name}: members with the role <@&{CommandSteps.AdminRoleId}> and <@{CommandSteps.AdminId}>. Discord may show you the command because of your server permissions, but the bot keeps its own list; ask a server admin to add your role or user id to ComfyBot:Policy:AdminRoleIds or AdminUserIds.",
                answer.Content);
        }

        Assert.Equal(jobs, bed.Runtime.Jobs.ListQueue().Select(e => e.Job.Id));
        Assert.False(bed.Runtime.Jobs.IsPaused);
        Assert.Empty(bed.Runtime.Bans.All);
        Assert.Empty(await bed.Runtime.Tables.Audit.ListAuditAsync());
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Refusal_WithoutConfiguredAdmins_SaysNoOneCanAndWhereToConfigure()
    {
        await using var bed = await EndToEnd.BotBed.StartAsync();
        var answer = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "pause");
        Assert.StartsWith("Only ComfyBot admins can use /comfy-admin pause: no one yet: this bot has no admins configured (ComfyBot:Policy:AdminRoleIds / AdminUserIds).", answer.Content, StringComparison.Ordinal);
        Assert.False(bed.Runtime.Jobs.IsPaused);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public void Refusal_ListsSeveralRolesAndUsers()
    {
        var policy = new Core.Policies.JobPolicyOptions { AdminRoleIds = [1, 2], AdminUserIds = [3, 4] };
        Assert.StartsWith(
            "Only ComfyBot admins can use X: members with one of the roles <@&1>, <@&2> and <@3>, <@4>.",
            SlashCommands.Admin.AdminAccess.Refusal(policy, "X"),
            StringComparison.Ordinal);
    }
}
