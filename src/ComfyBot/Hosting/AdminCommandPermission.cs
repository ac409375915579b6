namespace ComfyBot.Hosting;

/// <summary>
/// Who Discord shows /comfy-admin to by default (its default_member_permissions), named as in the server's role
/// settings. A server owner can override it per role or member in Server Settings → Integrations; the bot checks its
/// own admin list (ComfyBot:Policy:AdminRoleIds / AdminUserIds) on every use whatever Discord shows.
/// </summary>
internal enum AdminCommandPermission
{
    /// <summary>Members with Manage Server (MANAGE_GUILD, 1 &lt;&lt; 5): the default.</summary>
    ManageServer,

    /// <summary>Members with Administrator (1 &lt;&lt; 3).</summary>
    Administrator,

    /// <summary>Members with Manage Channels (1 &lt;&lt; 4).</summary>
    ManageChannels,

    /// <summary>Members with Manage Messages (1 &lt;&lt; 13).</summary>
    ManageMessages,

    /// <summary>Members with Manage Roles (1 &lt;&lt; 28).</summary>
    ManageRoles,

    /// <summary>Members with Timeout Members (MODERATE_MEMBERS, 1 &lt;&lt; 40).</summary>
    ModerateMembers,

    /// <summary>Members with Kick Members (1 &lt;&lt; 1).</summary>
    KickMembers,

    /// <summary>Members with Ban Members (1 &lt;&lt; 2).</summary>
    BanMembers,

    /// <summary>
    /// Every member sees it (no default_member_permissions): for admin roles without any of the permissions above,
    /// when the server owner would rather not set it per role. Everyone else is refused by the bot.
    /// </summary>
    Everyone,
}

/// <summary>The permission bits of <see cref="AdminCommandPermission"/>.</summary>
internal static class AdminCommandPermissions
{
    /// <summary>The default_member_permissions bits; null for <see cref="AdminCommandPermission.Everyone"/>.</summary>
    public static ulong? Bits(this AdminCommandPermission permission) => permission switch
    {
        AdminCommandPermission.ManageServer => 1UL << 5,
        AdminCommandPermission.Administrator => 1UL << 3,
        AdminCommandPermission.ManageChannels => 1UL << 4,
        AdminCommandPermission.ManageMessages => 1UL << 13,
        AdminCommandPermission.ManageRoles => 1UL << 28,
        AdminCommandPermission.ModerateMembers => 1UL << 40,
        AdminCommandPermission.KickMembers => 1UL << 1,
        AdminCommandPermission.BanMembers => 1UL << 2,
        AdminCommandPermission.Everyone => null,
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, "Not a permission /comfy-admin can be shown by."),
    };
}
