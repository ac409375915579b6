using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Running;

/// <summary>
/// Members' and admins' requests to stop jobs: cancel one, a member's, every waiting one, or interrupt those running.
/// Each marks the job stopping once (<see cref="ActiveJob.TryStop"/>), takes a waiting one out of the fair queue and
/// ends it at once, and asks ComfyUI to drop or interrupt one already sent, so that the job's own run ends it as the
/// server confirms. Whom the reply names travels with the <see cref="StopReason"/>.
/// </summary>
internal sealed class StopRequests(JobEngine engine, JobEndings endings)
{
    /// <summary>
    /// Cancels a job: a waiting one is removed and ends Cancelled at once; one on a GPU server is deleted from
    /// ComfyUI's queue or interrupted, and ends Cancelled when the server confirms. The reply names
    /// <paramref name="byMember"/>.
    /// </summary>
    public async Task<CancelResult> CancelAsync(long jobId, ulong byMemberId, string byMember, bool isAdmin, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(byMember);
        if (engine.Find(jobId) is not { } active)
        {
            return CancelResult.NotFound;
        }

        if (!isAdmin && active.Job.Owner.MemberId != byMemberId)
        {
            return CancelResult.NotYours;
        }

        if (!active.TryStop(new StopReason.Cancel(byMember)))
        {
            return CancelResult.Stopping;
        }

        if (engine.Scheduler.Remove(jobId))
        {
            await endings.EndCancelledAsync(active);
            return CancelResult.Removed;
        }

        var job = active.Job;
        if (job is { State: JobState.Running, PromptId: { } running } && engine.FindBackend(job.Backend!) is { } runningOn)
        {
            // Its tracker sees the interruption and ends it Cancelled. If it finished meanwhile, nothing is stopped.
            await engine.InterruptIfRunningAsync(runningOn, running, cancellationToken);
        }
        else if (job is { State: JobState.Submitted, PromptId: { } queued } && engine.FindBackend(job.Backend!) is { } queuedOn)
        {
            // Only queued on ComfyUI: deleted there, never interrupted, since a ComfyUI older than 0.3.57 ignores the
            // prompt id of an interrupt and would stop whatever runs, another member's job. If it started between our
            // last snapshot and the delete, /queue shows it running and only then is it interrupted.
            await engine.DeleteQuietlyAsync(queuedOn, queued);
            if (!await engine.InterruptIfRunningAsync(queuedOn, queued, cancellationToken))
            {
                await active.Stop.CancelAsync();
            }
        }

        // Otherwise it is being submitted: the submit sees the cancel and deletes the prompt it got.
        return CancelResult.Stopping;
    }

    /// <summary>Cancels every unfinished job of a member (admin); returns how many were cancelled or are stopping.</summary>
    public async Task<int> CancelMemberAsync(ulong memberId, string byMember, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var id in engine.JobIds(j => j.Owner.MemberId == memberId))
        {
            count += await CancelAsync(id, 0, byMember, isAdmin: true, cancellationToken) is CancelResult.Removed or CancelResult.Stopping ? 1 : 0;
        }

        return count;
    }

    /// <summary>Cancels every waiting job (admin); jobs already on a GPU server run on. Returns how many.</summary>
    public async Task<int> ClearAsync(string byMember, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var position in engine.Scheduler.Order())
        {
            count += await CancelAsync(position.Job.JobId, 0, byMember, isAdmin: true, cancellationToken) == CancelResult.Removed ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Interrupts the job(s) running on <paramref name="backend"/>, or on every backend when it is null (admin). Each ends
    /// Interrupted and its reply names <paramref name="byMember"/>; jobs waiting in ComfyUI's queue and in ours go on, and
    /// so do prompts other clients run. Returns how many jobs were interrupted.
    /// </summary>
    /// <exception cref="ArgumentException">No backend has that name; the message lists the known names.</exception>
    public async Task<int> InterruptAsync(string? backend, string byMember, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(byMember);
        if (backend is not null && engine.FindBackend(backend) is null)
        {
            throw new ArgumentException(
                $"There is no backend named '{backend}'; pick one of: {string.Join(", ", engine.Backends.Select(b => b.Name))}, or none for every backend.",
                nameof(backend));
        }

        List<(ActiveJob Active, string PromptId, IJobBackend On)> running = [];
        lock (engine.Gate)
        {
            foreach (var active in engine.Snapshot())
            {
                if (active is { Job: { State: JobState.Running, PromptId: { } promptId, Backend: { } on } }
                    && (backend is null || string.Equals(on, backend, StringComparison.Ordinal))
                    && engine.FindBackend(on) is { } runningOn
                    && active.TryStop(new StopReason.Interrupt(byMember)))
                {
                    running.Add((active, promptId, runningOn));
                }
            }
        }

        foreach (var (_, promptId, on) in running)
        {
            // Aimed at the prompt id and only while /queue shows it running, so a prompt that has just finished is not
            // mistaken for the next one even by a ComfyUI that ignores the id.
            await engine.InterruptIfRunningAsync(on, promptId, cancellationToken);
        }

        return running.Count;
    }
}
