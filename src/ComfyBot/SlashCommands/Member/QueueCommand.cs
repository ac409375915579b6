using System.Globalization;
using System.Text;
using ComfyBot.Core.Running;

namespace ComfyBot.SlashCommands.Member;

/// <summary>/queue: the member's own unfinished jobs, where each is, ephemerally. Reads memory only, so it answers at once.</summary>
internal sealed class QueueCommand(JobService jobs) : ISlashCommand
{
    public string Route => "queue";

    public Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.TellAsync(Describe(invocation), cancellationToken);
    }

    private string Describe(Invocation invocation)
    {
        var all = jobs.ListQueue();
        var mine = all.Where(e => e.Job.Owner.MemberId == invocation.MemberId).ToList();
        var paused = jobs.IsPaused ? "\n⏸️ An admin has paused the queue: waiting jobs are kept and start when it resumes." : string.Empty;
        if (mine.Count == 0)
        {
            return "You have no jobs waiting or running. Start one with /imagine." + paused;
        }

        var waiting = all.Count(e => e.Position is not null);
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"**Your jobs** ({mine.Count})\n"));
        foreach (var entry in mine)
        {
            text.Append(CultureInfo.InvariantCulture, $"`{entry.Job.DisplayId}` {QueueText.Where(entry, waiting)} · {entry.Job.Workflow} · {QueueText.Age(entry.Age)} · {QueueText.Prompt(entry.Job.Parameters.Prompt)}\n");
        }

        text.Append("Cancel one with /cancel job:#id.");
        return text.Append(paused).ToString();
    }
}
