using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Workflows;

namespace ComfyBot.Hosting;

/// <summary>
/// Which templates each GPU server can run, from the catalogues the monitor cached (no I/O). A template no server with a
/// known catalogue can run would only wait for ever: it is warned about at start, not offered, and refused at once.
/// </summary>
internal static class TemplateReach
{
    /// <summary>
    /// The problems of a template every server with a known catalogue refuses (those of the first such server); null
    /// when one of them can run it, when no catalogue is known yet (nothing to judge by), or while some server's first
    /// check has not answered (it may run it: judging without it would refuse wrongly in the first instants after a
    /// start; <see cref="BackendMonitor.WhenDecidableAsync"/> waits for it).
    /// </summary>
    public static IReadOnlyList<WorkflowProblem>? RunsNowhere(IEnumerable<Backend> backends, WorkflowTemplate template)
    {
        var all = backends as IReadOnlyCollection<Backend> ?? [.. backends];
        if (all.Any(b => b.Health.IsNotCheckedYet))
        {
            return null;
        }

        var verdicts = all.Select(b => b.Check(template)).OfType<IReadOnlyList<WorkflowProblem>>().ToList();
        return verdicts.Count == 0 || verdicts.Any(v => v.Count == 0) ? null : verdicts[0];
    }

    /// <summary>
    /// Whether what is known already decides <paramref name="template"/> with <paramref name="parameters"/>: a server
    /// that answered its check, is up, can run it and lists the member's choices. Until that or until every server
    /// answered, a refusal that reads the catalogues must wait (<see cref="BackendMonitor.WhenDecidableAsync"/>).
    /// </summary>
    public static bool Decidable(BackendMonitor monitor, WorkflowTemplate template, WorkflowParameters parameters) =>
        !monitor.AnyNotCheckedYet || monitor.CandidatesFor(template).Any(b => MemberChoices.Lacking(b, template, parameters).Count == 0);

    /// <summary>The templates this server can run, and those it cannot; both empty while its catalogue is unknown.</summary>
    public static (IReadOnlyList<string> Runs, IReadOnlyList<string> Cannot) On(Backend backend, WorkflowCatalog catalog)
    {
        var runs = new List<string>();
        var cannot = new List<string>();
        foreach (var definition in catalog.All)
        {
            switch (backend.Check(definition.Template))
            {
                case { Count: 0 }:
                    runs.Add(definition.Name);
                    break;
                case not null:
                    cannot.Add(definition.Name);
                    break;
            }
        }

        return (runs, cannot);
    }
}
