using ComfyBot.Cli;
using ComfyBot.Comfy.Templates;

namespace ComfyBot.Hosting;

/// <summary>Reads the configured workflow templates from their files (or offers the built-in one when none is configured).</summary>
internal static class TemplateLoader
{
    /// <summary>The name of the built-in template offered when <c>ComfyBot:Templates</c> is empty.</summary>
    public const string BuiltInName = "txt2img";

    /// <summary>Every template with its settings, in configuration order.</summary>
    /// <exception cref="BotConfigurationException">A file is missing or is not an API-format workflow; the message names the key.</exception>
    public static async Task<IReadOnlyList<LoadedTemplate>> LoadAsync(IReadOnlyList<TemplateSettings> settings, CancellationToken cancellationToken)
    {
        if (settings.Count == 0)
        {
            return [new LoadedTemplate(new TemplateSettings { Name = BuiltInName, Description = "Stable Diffusion 1.5 text to image (built in)", Grid = true }, DefaultWorkflow.Load())];
        }

        var loaded = new List<LoadedTemplate>(settings.Count);
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
                    Bindings = template.Bindings.Count == 0
                        ? null
                        : template.Bindings.ToDictionary(b => b.Key, b => (IReadOnlyList<string>)b.Value, StringComparer.OrdinalIgnoreCase),
                };
                loaded.Add(new LoadedTemplate(template, await WorkflowTemplate.LoadAsync(path, options, cancellationToken)));
            }
            catch (WorkflowTemplateException e)
            {
                problems.Add($"{key} ('{template.File}'): {e.Message}");
            }
        }

        return problems.Count > 0 ? throw new BotConfigurationException(problems) : loaded;
    }
}
