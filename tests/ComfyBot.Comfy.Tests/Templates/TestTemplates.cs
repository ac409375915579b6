using ComfyBot.Comfy.Templates;
using ComfyBot.Testing;

namespace ComfyBot.Comfy.Tests.Templates;

/// <summary>Loads the workflows under tests/fixtures: ours (workflows/), the recorded ones and the protocol samples.</summary>
internal static class TestTemplates
{
    public static Task<WorkflowTemplate> Ours(string file, WorkflowTemplateOptions? options = null) =>
        WorkflowTemplate.LoadAsync(RepositoryFixtures.FixturePath("workflows", file), options);

    public static Task<WorkflowTemplate> Recorded(string file, WorkflowTemplateOptions? options = null) =>
        WorkflowTemplate.LoadAsync(RepositoryFixtures.FixturePath("comfy", "workflows", file), options);

    public static Task<WorkflowTemplate> Sample(string file, WorkflowTemplateOptions? options = null) =>
        WorkflowTemplate.LoadAsync(RepositoryFixtures.FixturePath("comfy", "samples", file), options);

    /// <summary>The paths a parameter is bound to, or an empty list when it is not bound.</summary>
    public static string[] Paths(this WorkflowTemplate template, WorkflowParameter parameter) =>
        template.Bindings.FirstOrDefault(b => b.Parameter == parameter)?.Inputs.Select(i => i.Path).ToArray() ?? [];

    public static BindingSource[] Sources(this WorkflowTemplate template, WorkflowParameter parameter) =>
        template.Bindings.First(b => b.Parameter == parameter).Inputs.Select(i => i.Source).Distinct().ToArray();
}
