using System.Collections.Frozen;

namespace ComfyBot.Comfy.Templates;

/// <summary>The names parameters go by in configuration, placeholders (<c>{{seed}}</c>) and command lines.</summary>
public static class WorkflowParameterNames
{
    private static readonly string[] Names =
        ["prompt", "negative", "seed", "width", "height", "batch", "steps", "cfg", "sampler", "scheduler", "checkpoint", "denoise", "image", "lora", "lora_strength"];

    private static readonly FrozenDictionary<string, WorkflowParameter> ByName =
        Names.Select((name, index) => (name, index)).ToFrozenDictionary(p => p.name, p => (WorkflowParameter)p.index, StringComparer.Ordinal);

    /// <summary>Every parameter name, in declaration order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The name of <paramref name="parameter"/>, e.g. <c>seed</c>.</summary>
    public static string Of(WorkflowParameter parameter) => Names[(int)parameter];

    /// <summary>Finds a parameter by its exact lower-case name.</summary>
    public static bool TryParse(string name, out WorkflowParameter parameter) => ByName.TryGetValue(name, out parameter);

    /// <summary>Finds a parameter by name.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static WorkflowParameter Parse(string name) =>
        TryParse(name, out var parameter)
            ? parameter
            : throw new ArgumentException($"Unknown parameter '{name}'. Known parameters: {string.Join(", ", Names)}.");
}
