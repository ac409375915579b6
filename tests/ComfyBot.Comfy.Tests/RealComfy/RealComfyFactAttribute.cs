using System.Runtime.CompilerServices;

namespace ComfyBot.Comfy.Tests.RealComfy;

/// <summary>
/// A fact that needs a real ComfyUI (0.3.64 on CPU with the model-free trace nodes, as
/// ../shared/comfy/real-cpu/README.md sets it up), named by <c>COMFYBOT_REAL_COMFY_URL</c>. Without one it is skipped,
/// and the reason is also put in its display name: `dotnet test` at its default verbosity prints a skipped test's name
/// but not its reason.
/// </summary>
public sealed class RealComfyFactAttribute : FactAttribute
{
    /// <summary>The environment variable that names the server, e.g. <c>http://127.0.0.1:8188/</c>.</summary>
    public const string Variable = "COMFYBOT_REAL_COMFY_URL";

    public RealComfyFactAttribute([CallerMemberName] string test = "")
    {
        if (WhyNot is { } whyNot)
        {
            Skip = whyNot;
            DisplayName = $"{test} (skipped: {whyNot})";
        }
    }

    /// <summary>The real server, or null when none is named.</summary>
    public static Uri? Server => Uri.TryCreate(Environment.GetEnvironmentVariable(Variable), UriKind.Absolute, out var url) ? url : null;

    private static string? WhyNot => Server is null
        ? $"no real ComfyUI named: set {Variable} to one started as ../shared/comfy/real-cpu/README.md says"
        : null;
}
