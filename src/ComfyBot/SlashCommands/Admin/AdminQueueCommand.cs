namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin queue: the first page of every running and waiting job, ephemerally, with paging buttons.</summary>
internal sealed class AdminQueueCommand : AdminCommand
{
    protected override string Subcommand => "queue";

    protected override Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var jobs = invocation.Runtime.Jobs;
        return invocation.AnswerAsync(AdminQueuePage.Render(jobs.ListQueue(), 1, jobs.IsPaused), ephemeral: true, cancellationToken);
    }
}
