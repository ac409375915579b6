using System.Runtime.CompilerServices;
using ComfyBot.Comfy.Templates;

namespace ComfyBot.Core.Backends;

/// <summary>The values a member may choose on this server: its combos and model lists, per template, cached per catalogue.</summary>
public sealed partial class Backend
{
    /// <summary>How <see cref="BackendHealth.Error"/> starts when the server answers but its catalogue could not be read.</summary>
    public const string CatalogueUnread = "The catalogue could not be read";

    private readonly ConditionalWeakTable<WorkflowTemplate, ChoiceLists> _choices = new();
    private int _rereadWanted;

    /// <summary>
    /// What this server accepts for <paramref name="parameter"/> of <paramref name="template"/>: the choices every input the
    /// parameter goes into takes (a combo's list, or for a model file its folder's files from GET /models/{folder}). Null
    /// while the catalogue is unknown, or when the parameter is not bound or takes no list of choices here. Cached until
    /// the catalogue is read again (<see cref="BackendMonitorOptions.CatalogueRefreshInterval"/>, or when the server comes back).
    /// </summary>
    public IReadOnlyList<string>? ChoicesFor(WorkflowTemplate template, WorkflowParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (Catalogue is not { } catalogue)
        {
            return null;
        }

        if (!_choices.TryGetValue(template, out var cached) || cached.Version != catalogue.Version)
        {
            var lists = template.DescribeParameters(catalogue.Nodes, catalogue.Models)
                .Where(s => s.Choices is not null)
                .ToDictionary(s => s.Parameter, s => s.Choices!);
            cached = new ChoiceLists(catalogue.Version, lists);
            _choices.AddOrUpdate(template, cached);
        }

        return cached.Lists.TryGetValue(parameter, out var list) ? list : null;
    }

    /// <summary>When the catalogue the choices come from was read; null before the first read.</summary>
    public DateTimeOffset? CatalogueReadAt => Catalogue?.FetchedAt;

    /// <summary>Whether the next health check reads the catalogue again, asked for by <see cref="BackendMonitor.Reread"/>.</summary>
    internal bool RereadWanted => Volatile.Read(ref _rereadWanted) == 1;

    internal void WantReread() => Volatile.Write(ref _rereadWanted, 1);

    private void RereadDone() => Volatile.Write(ref _rereadWanted, 0);

    private sealed record ChoiceLists(int Version, Dictionary<WorkflowParameter, IReadOnlyList<string>> Lists);
}
