using ComfyBot.Core.Backends;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Workflows;

namespace ComfyBot.Core.Running;

/// <summary>
/// What holds every waiting job back this round, whatever its place: the queue paused, the servers reachable (up, and
/// not held after refusing a job), the workflows they can run, and whether some server's first check has not answered
/// yet (the bot just started). Read once per round by <see cref="WaitingReplies"/>; <see cref="Key"/> changes exactly
/// when some job's reason may change, which shows every waiting reply again at once.
/// </summary>
internal sealed class WaitConditions
{
    private readonly bool _paused;
    private readonly bool _pending;
    private readonly List<IJobBackend> _reachable;
    private readonly HashSet<string> _capable;
    private readonly WorkflowCatalog _workflows;

    private WaitConditions(bool paused, bool pending, List<IJobBackend> reachable, HashSet<string> capable, WorkflowCatalog workflows)
    {
        (_paused, _pending, _reachable, _capable, _workflows) = (paused, pending, reachable, capable, workflows);
        Key = $"{paused}|{string.Join(',', reachable.Select(b => b.Name))}|{string.Join(',', capable.Order(StringComparer.Ordinal))}"
            + (pending ? "|first check" : string.Empty);
    }

    /// <summary>Everything a wait reason depends on, in one string.</summary>
    public string Key { get; }

    /// <summary>The conditions now.</summary>
    public static WaitConditions Read(JobEngine engine, bool paused)
    {
        ArgumentNullException.ThrowIfNull(engine);
        List<IJobBackend> reachable = [.. engine.Backends.Where(b => b.Health.IsUp && !engine.Holds.IsHeld(b.Name))];
        HashSet<string> capable = [.. engine.Workflows.All.Where(d => reachable.Any(b => b.CanRun(d.Template))).Select(d => d.Name)];
        var pending = engine.Backends.Any(b => b.Health.IsNotCheckedYet);
        return new WaitConditions(paused, pending, reachable, capable, engine.Workflows);
    }

    /// <summary>Why <paramref name="job"/> cannot start now, whatever its place; null when only its place holds it back.</summary>
    public string? ReasonFor(Jobs.Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return WorkflowReason(job.Workflow) ?? ChoiceReason(job);
    }

    /// <summary>
    /// The queue is paused, no reachable server can run the workflow while some server's first check has not answered
    /// (it may), no server is reachable, or none of the reachable ones can run the workflow.
    /// </summary>
    private string? WorkflowReason(string workflow)
    {
        if (_paused)
        {
            return ReplyTexts.Paused;
        }

        // A server not checked yet may well run it: "offline" or "none can" would not be true (issue 15).
        if (_reachable.Count == 0)
        {
            return _pending ? ReplyTexts.FirstCheck : ReplyTexts.Offline;
        }

        // A workflow no longer configured has no reason to show: its dispatch fails the job and says why.
        if (_capable.Contains(workflow) || !_workflows.TryGet(workflow, out _))
        {
            return null;
        }

        return _pending ? ReplyTexts.FirstCheck : ReplyTexts.NoCapableServer(workflow);
    }

    /// <summary>
    /// A job its workflow's servers could run still waits when the values its member chose from the servers' lists
    /// (checkpoint, LoRA …) are on none of the reachable ones (a list changed, or none was known when it was queued).
    /// </summary>
    private string? ChoiceReason(Jobs.Job job)
    {
        if (!MemberChoices.Listed.Any(p => job.Parameters.IsSet(p)) || !_workflows.TryGet(job.Workflow, out var definition))
        {
            return null;
        }

        return _reachable.Any(b => b.CanRun(definition.Template) && b.Offers(definition.Template, job.Parameters))
            ? null
            : _pending ? ReplyTexts.FirstCheck : ReplyTexts.NoServerWithChoices(job.Workflow);
    }
}
