using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Running;

public sealed partial class JobService
{
    /// <summary>
    /// Cancels a job: a waiting one is removed and ends Cancelled at once; one on a GPU server is deleted from
    /// ComfyUI's queue or interrupted, and ends Cancelled when the server confirms. The reply names
    /// <paramref name="byMember"/>.
    /// </summary>
    public async Task<CancelResult> CancelAsync(long jobId, ulong byMemberId, string byMember, bool isAdmin, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(byMember);
        if (_engine.Find(jobId) is not { } active)
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

        if (_engine.Scheduler.Remove(jobId))
        {
            await _endings.EndCancelledAsync(active);
            return CancelResult.Removed;
        }

        var job = active.Job;
        if (job is { State: JobState.Running, PromptId: { } running } && _engine.FindBackend(job.Backend!) is { } runningOn)
        {
            // Its tracker sees the interruption and ends it Cancelled. If it finished meanwhile, nothing is stopped.
            await _engine.InterruptIfRunningAsync(runningOn, running, cancellationToken);
        }
        else if (job is { State: JobState.Submitted, PromptId: { } queued } && _engine.FindBackend(job.Backend!) is { } queuedOn)
        {
            // Only queued on ComfyUI: deleted there, never interrupted, since a ComfyUI older than 0.3.57 ignores the
            // prompt id of an interrupt and would stop whatever runs, another member's job. If it started between our
            // last snapshot and the delete, /queue shows it running and only then is it interrupted.
            await _engine.DeleteQuietlyAsync(queuedOn, queued);
            if (!await _engine.InterruptIfRunningAsync(queuedOn, queued, cancellationToken))
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
        foreach (var id in _engine.JobIds(j => j.Owner.MemberId == memberId))
        {
            count += await CancelAsync(id, 0, byMember, isAdmin: true, cancellationToken) is CancelResult.Removed or CancelResult.Stopping ? 1 : 0;
        }

        return count;
    }

    /// <summary>Cancels every waiting job (admin); jobs already on a GPU server run on. Returns how many.</summary>
    public async Task<int> ClearAsync(string byMember, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var position in _engine.Scheduler.Order())
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
        if (backend is not null && _engine.FindBackend(backend) is null)
        {
            throw new ArgumentException(
                $"There is no backend named '{backend}'; pick one of: {string.Join(", ", _engine.Backends.Select(b => b.Name))}, or none for every backend.",
                nameof(backend));
        }

        List<(ActiveJob Active, string PromptId, IJobBackend On)> running = [];
        lock (_engine.Gate)
        {
            foreach (var active in _engine.Snapshot())
            {
                if (active is { Job: { State: JobState.Running, PromptId: { } promptId, Backend: { } on } }
                    && (backend is null || string.Equals(on, backend, StringComparison.Ordinal))
                    && _engine.FindBackend(on) is { } runningOn
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
            await _engine.InterruptIfRunningAsync(on, promptId, cancellationToken);
        }

        return running.Count;
    }

    /// <summary>Moves a waiting job to the front of the queue (admin). False when it is not waiting here.</summary>
    public async Task<bool> BumpAsync(long jobId, CancellationToken cancellationToken = default)
    {
        if (_engine.Find(jobId) is not { IsWaiting: true } active || !_engine.Scheduler.Bump(jobId))
        {
            return false;
        }

        active.Job = await _engine.Store.BumpAsync(jobId, cancellationToken);
        _engine.Waiting.Mark(jobId);
        _engine.Wake();
        return true;
    }

    /// <summary>Stops starting jobs; waiting ones are kept and running ones finish.</summary>
    public void Pause()
    {
        _engine.Scheduler.Pause();

        // Waiting replies say at once that the queue is paused.
        _engine.Wake();
    }

    /// <summary>Starts jobs again after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        _engine.Scheduler.Resume();
        _engine.Wake();
    }

    /// <summary>
    /// Every unfinished job this service runs, jobs on GPU servers first, then waiting ones in the order they
    /// will start; pass <paramref name="memberId"/> for one member's jobs (/queue).
    /// </summary>
    public IReadOnlyList<QueueEntry> ListQueue(ulong? memberId = null)
    {
        var now = _engine.Time.GetUtcNow();
        var positions = _engine.Scheduler.Order().ToDictionary(p => p.Job.JobId, p => p.Position);
        List<Job> jobs;
        lock (_engine.Gate)
        {
            jobs = [.. _engine.Snapshot().Select(a => a.Job)];
        }

        return
        [
            .. jobs
                .Where(j => memberId is null || j.Owner.MemberId == memberId)
                .Select(j => new QueueEntry(positions.TryGetValue(j.Id, out var p) ? p : null, j, now - j.CreatedAt, PromptStart(j)))
                .OrderBy(e => e.Position ?? 0)
                .ThenBy(e => e.Job.Id),
        ];
    }

    private string PromptStart(Job job)
    {
        var prompt = job.Parameters.Prompt ?? string.Empty;
        return prompt.Length <= _engine.Options.PromptPreviewLength ? prompt : string.Concat(prompt.AsSpan(0, _engine.Options.PromptPreviewLength), "…");
    }
}
