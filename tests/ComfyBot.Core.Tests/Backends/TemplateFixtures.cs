using ComfyBot.Comfy.Templates;
using ComfyBot.Testing;

namespace ComfyBot.Core.Tests.Backends;

/// <summary>Workflow templates from the recorded fixtures.</summary>
internal static class TemplateFixtures
{
    public static WorkflowTemplate Load(string file) =>
        WorkflowTemplate.Parse(File.ReadAllText(RepositoryFixtures.FixturePath("comfy", "workflows", file)), new WorkflowTemplateOptions { Name = file });
}
