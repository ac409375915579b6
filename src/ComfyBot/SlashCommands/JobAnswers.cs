using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands;

/// <summary>What /cancel and /comfy-admin cancel answer for each outcome of <see cref="JobService.CancelAsync"/>.</summary>
internal sealed class JobAnswers(JobStore store)
{
    /// <summary>The answer to a cancel; <paramref name="ownOnly"/> for the member's /cancel, false for an admin's.</summary>
    public async Task<string> CancelledAsync(Invocation invocation, long id, CancelResult result, bool ownOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return result switch
        {
            CancelResult.Removed => $"Cancelled job #{id}: it was still waiting, so it never reached a GPU.",
            CancelResult.Stopping => $"Stopping job #{id} on its GPU server; its reply says when it has stopped.",
            _ => await NotUnfinishedAsync(invocation, id, "cancel", ownOnly, cancellationToken),
        };
    }

    /// <summary>
    /// Why a job id names no unfinished job: unknown, or finished (and how); with <paramref name="ownOnly"/>, someone
    /// else's job is "not yours" whatever its state.
    /// </summary>
    public async Task<string> NotUnfinishedAsync(Invocation invocation, long id, string verb, bool ownOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var job = await store.GetAsync(id, cancellationToken);
        return job switch
        {
            null => $"There is no job #{id}. {(ownOnly ? "/queue lists your jobs with their numbers." : "/comfy-admin queue lists every unfinished job.")}",
            _ when ownOnly && job.Owner.MemberId != invocation.MemberId => NotYours(invocation, job.Owner.DisplayName, id, verb),
            { IsFinal: true } => $"Job #{id} has already finished ({job.State}); there is nothing to {verb}.",
            _ => $"Job #{id} is no longer in this bot's queue ({job.State}); there is nothing to {verb}.",
        };
    }

    private static string NotYours(Invocation invocation, string owner, long id, string verb) =>
        $"Not yours: job #{id} belongs to {MemberText.Escape(owner)}. You can only {verb} your own jobs (/queue lists them)."
        + (invocation.IsAdmin ? $" As an admin, use /comfy-admin {verb} job:#{id}." : string.Empty);
}
