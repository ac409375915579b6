using ComfyBot.Buttons;
using ComfyBot.Core.Running;

namespace ComfyBot.SlashCommands.Member;

/// <summary>
/// /cancel [job]: cancels one of the member's own jobs, the newest unfinished one when none is given. Someone
/// else's job, an unknown one and a finished one each get their own answer. Admins cancel others' jobs with
/// /comfy-admin cancel, which leaves an audit record.
/// </summary>
internal sealed class CancelCommand(JobService jobs, JobAnswers answers) : ISlashCommand
{
    public string Route => "cancel";

    public async Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var typed = invocation.Interaction.Command!.GetString("job");
        long id;
        if (typed is null)
        {
            var newest = jobs.ListQueue(invocation.MemberId).MaxBy(e => e.Job.Id);
            if (newest is null)
            {
                await invocation.TellAsync("You have no jobs waiting or running, so there is nothing to cancel.", cancellationToken);
                return;
            }

            id = newest.Job.Id;
        }
        else if (!JobIds.TryParse(typed, out id))
        {
            await invocation.TellAsync($"'{typed.Trim()}' is not a job number: give it as #123 or 123 (/queue lists yours), or leave job out to cancel your newest.", cancellationToken);
            return;
        }

        // Stopping a job on a GPU server waits for the server; acknowledge within Discord's 3 seconds first.
        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var result = await jobs.CancelAsync(id, invocation.MemberId, invocation.DisplayName, isAdmin: false, cancellationToken);
        await invocation.TellAsync(await answers.CancelledAsync(invocation, id, result, ownOnly: true, cancellationToken), cancellationToken);
    }
}
