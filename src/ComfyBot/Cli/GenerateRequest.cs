using ComfyBot.Comfy.Templates;

namespace ComfyBot.Cli;

/// <summary>What one CLI generation asks for.</summary>
/// <param name="Template">The workflow to run.</param>
/// <param name="Parameters">Values for the template's parameters; an unset seed is random.</param>
/// <param name="OutputDirectory">Where the images are saved.</param>
internal sealed record GenerateRequest(WorkflowTemplate Template, WorkflowParameters Parameters, string OutputDirectory);
