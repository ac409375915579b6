using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Running;

public sealed partial class JobService
{
    /// <inheritdoc cref="StopRequests.CancelAsync"/>
    public Task<CancelResult> CancelAsync(long jobId, ulong byMemberId, string byMember, bool isAdmin, CancellationToken cancellationToken = default) =>
        _stops.CancelAsync(jobId, byMemberId, byMember, isAdmin, cancellationToken);

    /// <inheritdoc cref="StopRequests.CancelMemberAsync"/>
    public Task<int> CancelMemberAsync(ulong memberId, string byMember, CancellationToken cancellationToken = default) =>
        _stops.CancelMemberAsync(memberId, byMember, cancellationToken);

    /// <inheritdoc cref="StopRequests.ClearAsync"/>
    public Task<int> ClearAsync(string byMember, CancellationToken cancellationToken = default) => _stops.ClearAsync(byMember, cancellationToken);

    /// <inheritdoc cref="StopRequests.InterruptAsync"/>
    public Task<int> InterruptAsync(string? backend, string byMember, CancellationToken cancellationToken = default) =>
        _stops.InterruptAsync(backend, byMember, cancellationToken);

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
