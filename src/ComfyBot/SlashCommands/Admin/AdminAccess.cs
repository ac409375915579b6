using System.Globalization;
using ComfyBot.Core.Policies;
using ComfyBot.Hosting;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// The server-side admin check of every admin subcommand and button. Discord's default_member_permissions only
/// decides who sees the command, and a server can change it, so the bot checks its own list every time.
/// </summary>
internal sealed class AdminAccess(BotOptions options)
{
    /// <summary>True for an admin; otherwise tells the invoker, ephemerally, who may use <paramref name="what"/>, and returns false.</summary>
    public async Task<bool> CheckAsync(Invocation invocation, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.IsAdmin)
        {
            return true;
        }

        await invocation.TellAsync(Refusal(options.Policy, what), cancellationToken);
        return false;
    }

    /// <summary>The refusal: who the admins are (role and user mentions, which never ping: answers allow no mentions) and where they are configured.</summary>
    public static string Refusal(JobPolicyOptions policy, string what)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var who = new List<string>();
        if (policy.AdminRoleIds.Count > 0)
        {
            who.Add((policy.AdminRoleIds.Count == 1 ? "members with the role " : "members with one of the roles ") + string.Join(", ", policy.AdminRoleIds.Select(id => string.Create(CultureInfo.InvariantCulture, $"<@&{id}>"))));
        }

        if (policy.AdminUserIds.Count > 0)
        {
            who.Add(string.Join(", ", policy.AdminUserIds.Select(id => string.Create(CultureInfo.InvariantCulture, $"<@{id}>"))));
        }

        var admins = who.Count == 0
            ? "no one yet: this bot has no admins configured (ComfyBot:Policy:AdminRoleIds / AdminUserIds)"
            : string.Join(" and ", who);
        return $"Only ComfyBot admins can use {what}: {admins}. Discord may show you the command because of your server permissions, but the bot keeps its own list; ask a server admin to add your role or user id to ComfyBot:Policy:AdminRoleIds or AdminUserIds.";
    }
}
