using ComfyBot.Comfy.Templates;

namespace ComfyBot.Cli;

/// <summary>
/// The SD1.5 text-to-image workflow built into the CLI, so that <c>generate</c> and <c>demo</c> work before anyone
/// has exported a workflow. Its checkpoint is swapped for one the server has when the server lacks it.
/// </summary>
internal static class DefaultWorkflow
{
    public static WorkflowTemplate Load() =>
        WorkflowTemplate.Parse(LoadText(), new WorkflowTemplateOptions { Name = "txt2img (built in)" });

    /// <summary>The built-in workflow's JSON (API format).</summary>
    public static string LoadText()
    {
        using var stream = typeof(DefaultWorkflow).Assembly.GetManifestResourceStream("ComfyBot.Workflows.txt2img.json")
            ?? throw new InvalidOperationException("The built-in workflow is missing from the assembly; rebuild ComfyBot.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
