using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// A /comfy-admin subcommand: refused, ephemerally, to anyone the bot does not know as an admin (whatever the
/// client let through); otherwise <see cref="RunAsync"/>. Actions that change something leave an audit record
/// naming the admin through <see cref="AuditAsync"/>.
/// </summary>
internal abstract class AdminCommand(AdminAccess access, AuditLog audit) : ISlashCommand
{
    public string Route => $"{ComfyBotCommands.AdminName} {Subcommand}";

    /// <summary>The audit trail, where this subcommand's records are kept.</summary>
    protected AuditLog Audit => audit;

    /// <summary>The subcommand's name, as in <see cref="ComfyBotCommands.Admin"/>.</summary>
    protected abstract string Subcommand { get; }

    public async Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (await access.CheckAsync(invocation, $"/{Route}", cancellationToken))
        {
            await RunAsync(invocation, cancellationToken);
        }
    }

    /// <summary>Runs the subcommand for a checked admin.</summary>
    protected abstract Task RunAsync(Invocation invocation, CancellationToken cancellationToken);

    /// <summary>The required <c>job</c> option as a job id; null, after telling the admin how to write it, when it is not one.</summary>
    protected static async Task<long?> ReadJobIdAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var typed = invocation.Interaction.Command!.GetString("job");
        if (Buttons.JobIds.TryParse(typed, out var id))
        {
            return id;
        }

        await invocation.TellAsync($"'{typed?.Trim()}' is not a job number: give it as #123 or 123 (/comfy-admin queue lists every job).", cancellationToken);
        return null;
    }

    /// <summary>Writes the audit record of this subcommand: the acting admin, what was targeted, and what happened.</summary>
    protected Task AuditAsync(Invocation invocation, string? target, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        AdminLog.Acted(invocation.Log, invocation.MemberId, invocation.DisplayName, Subcommand, target ?? "-", detail ?? "-");
        return audit.AddAuditAsync(invocation.MemberId, Subcommand, target, detail, invocation.Time.GetUtcNow(), cancellationToken);
    }
}
