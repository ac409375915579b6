using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin usage [period]: the first page of who used the GPU servers today or this week, ephemerally, with paging buttons.</summary>
internal sealed class AdminUsageCommand(AdminAccess access, AuditLog audit, AdminUsageReports reports) : AdminCommand(access, audit)
{
    protected override string Subcommand => "usage";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var period = invocation.Interaction.Command!.GetString("period") == AdminUsagePage.Week ? AdminUsagePage.Week : AdminUsagePage.Today;
        await invocation.AnswerAsync(await reports.RenderAsync(period, 1, invocation.Time.GetUtcNow(), cancellationToken), ephemeral: true, cancellationToken);
    }
}
