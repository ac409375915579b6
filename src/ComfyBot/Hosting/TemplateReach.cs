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
    /// when one of them can run it, or when no catalogue is known yet (nothing to judge by).
    /// </summary>
    public static IReadOnlyList<WorkflowProblem>? RunsNowhere(IEnumerable<Backend> backends, WorkflowTemplate template)
    {
        var verdicts = backends.Select(b => b.Check(template)).OfType<IReadOnlyList<WorkflowProblem>>().ToList();
        return verdicts.Count == 0 || verdicts.Any(v => v.Count == 0) ? null : verdicts[0];
    }

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
