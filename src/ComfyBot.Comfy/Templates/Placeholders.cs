using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>Whole-value placeholders: a string input that is exactly <c>"{{name}}"</c> (spaces inside the braces allowed).</summary>
internal static class Placeholders
{
    /// <summary>Whether the value is a placeholder, and the name inside it.</summary>
    public static bool TryRead(JsonNode? value, out string name)
    {
        name = string.Empty;
        if (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        var text = scalar.GetValue<string>();
        if (text.Length < 5 || !text.StartsWith("{{", StringComparison.Ordinal) || !text.EndsWith("}}", StringComparison.Ordinal))
        {
            return false;
        }

        name = text[2..^2].Trim();
        return true;
    }

    /// <summary>
    /// A known placeholder written inside a longer string (<c>"a photo of {{prompt}}"</c>): never replaced, so it is
    /// refused rather than sent to the server as literal text.
    /// </summary>
    public static string? FindEmbedded(JsonNode? value)
    {
        if (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var text = scalar.GetValue<string>();
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return null;
        }

        return WorkflowParameterNames.All.FirstOrDefault(name => text.Contains("{{" + name + "}}", StringComparison.Ordinal));
    }
}
