using ComfyBot.Comfy.Templates;

namespace ComfyBot.Hosting;

/// <summary>A configured template and its parsed workflow.</summary>
internal sealed record LoadedTemplate(TemplateSettings Settings, WorkflowTemplate Template);
