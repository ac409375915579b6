using ComfyBot.Cli;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Workflows;

namespace ComfyBot.Hosting;

/// <summary>Reads the configured workflow templates from their files into the catalog members pick from (the built-in one when none is configured).</summary>
internal static class TemplateLoader
{
    /// <summary>The name of the built-in template offered when <c>ComfyBot:Templates</c> is empty.</summary>
    public const string BuiltInName = "txt2img";

    /// <summary>The catalog of every template, in configuration order (the first is the default).</summary>
    /// <exception cref="BotConfigurationException">A file is missing or is not an API-format workflow, or the catalog is inconsistent; the message names the key.</exception>
    public static Task<WorkflowCatalog> LoadAsync(IReadOnlyList<TemplateSettings> settings, CancellationToken cancellationToken) =>
        LoadAsync(settings, collected: null, cancellationToken);

    /// <summary>
    /// The catalog for a checker: a template whose nodes, links or <c>Bindings</c> have problems still loads, without the bad
    /// parts, and each problem goes to <paramref name="collected"/> with its key, so the server checks still run on it.
    /// </summary>
    /// <exception cref="BotConfigurationException">A file is missing or is not a workflow at all, or the catalog is inconsistent.</exception>
    public static async Task<WorkflowCatalog> LoadAsync(IReadOnlyList<TemplateSettings> settings, List<string>? collected, CancellationToken cancellationToken)
    {
        if (settings.Count == 0)
        {
            return new WorkflowCatalog([new WorkflowDefinition(BuiltInName, DefaultWorkflow.Load()) { Description = "Stable Diffusion 1.5 text to image (built in)" }]);
        }

        var loaded = new List<WorkflowDefinition>(settings.Count);
        var problems = new List<string>();
        for (var i = 0; i < settings.Count; i++)
        {
            var template = settings[i];
            var key = $"ComfyBot:Templates:{i}:File";
            var path = Path.GetFullPath(template.File);
            if (!File.Exists(path))
            {
                problems.Add($"{key} is '{template.File}', but there is no such file (looked at {path}); export the workflow in API format there or fix the path.");
                continue;
            }

            try
            {
                var options = new WorkflowTemplateOptions
                {
                    Name = template.Name,
                    CollectProblems = collected is not null,
                    Bindings = template.Bindings.Count == 0
                        ? null
                        : template.Bindings.ToDictionary(b => b.Key, b => (IReadOnlyList<string>)b.Value, StringComparer.OrdinalIgnoreCase),
                };
                var loadedTemplate = await WorkflowTemplate.LoadAsync(path, options, cancellationToken);
                collected?.AddRange(loadedTemplate.LoadProblems.Select(p => $"ComfyBot:Templates:{i}{(template.Bindings.Count > 0 ? ":Bindings" : string.Empty)} ('{template.File}'): {p}"));
                loaded.Add(new WorkflowDefinition(template.Name, loadedTemplate)
                {
                    Description = template.Description ?? string.Empty,
                    Bounds = Bounds(template, i, problems),
                    UpscaleWith = template.UpscaleWith,
                    VaryWith = template.VaryWith,
                    Grid = template.Grid,
                    Nsfw = template.Nsfw,
                });
            }
            catch (WorkflowTemplateException e)
            {
                problems.Add($"{key} ('{template.File}'): {e.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new BotConfigurationException(problems);
        }

        try
        {
            return new WorkflowCatalog(loaded);
        }
        catch (ArgumentException e)
        {
            throw new BotConfigurationException($"ComfyBot:Templates: {e.Message}", e);
        }
    }

    private static Dictionary<WorkflowParameter, ParameterBounds> Bounds(TemplateSettings template, int index, List<string> problems)
    {
        var bounds = new Dictionary<WorkflowParameter, ParameterBounds>();
        foreach (var (name, bound) in template.Bounds)
        {
            var key = $"ComfyBot:Templates:{index}:Bounds:{name}";
            if (!WorkflowParameterNames.TryParse(name, out var parameter))
            {
                problems.Add($"{key} names no option; use one of: {string.Join(", ", WorkflowParameterNames.All)}.");
            }
            else if (bound.Min is not { } min || bound.Max is not { } max)
            {
                problems.Add($"{key} needs both Min and Max (e.g. Min 1, Max 50).");
            }
            else
            {
                bounds[parameter] = new ParameterBounds(min, max);
            }
        }

        return bounds;
    }
}
