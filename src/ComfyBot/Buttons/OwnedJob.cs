using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>
/// The job a button belongs to, if the clicking member may use it: its owner or an admin (checked on the server).
/// Anyone else is told, ephemerally, whose job it is.
/// </summary>
internal sealed class OwnedJob(JobStore store)
{
    /// <summary>The job, or null after telling the member why not (unknown job, or not theirs).</summary>
    public async Task<Job?> LoadAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!JobIds.TryParse(argument, out var id) || await store.GetAsync(id, cancellationToken) is not { } job)
        {
            await invocation.TellAsync($"Job #{argument} is no longer known to the bot; start a new one with /imagine.", cancellationToken);
            return null;
        }

        if (job.Owner.MemberId != invocation.MemberId && !invocation.IsAdmin)
        {
            await invocation.TellAsync($"Not yours: job {job.DisplayId} belongs to {MemberText.Escape(job.Owner.DisplayName)}. Only they or an admin can use its buttons; start your own with /imagine.", cancellationToken);
            return null;
        }

        return job;
    }
}
