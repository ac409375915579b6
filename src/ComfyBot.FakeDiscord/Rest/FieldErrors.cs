using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Rest;

/// <summary>Builds Discord's nested <c>errors</c> tree: path segments as keys, ending in <c>_errors: [{code, message}]</c>.</summary>
internal static class FieldErrors
{
    public static JsonObject Single(string location, string code, string message)
    {
        var root = new JsonObject();
        Add(root, location, code, message);
        return root;
    }

    /// <param name="root">The tree to add to.</param>
    /// <param name="location">JSON pointer (<c>/data/content</c>) or dotted path (<c>data.content</c>).</param>
    /// <param name="code">Discord's error code string, e.g. BASE_TYPE_MAX_LENGTH.</param>
    /// <param name="message">Human-readable message.</param>
    public static void Add(JsonObject root, string location, string code, string message)
    {
        var node = root;
        foreach (var segment in location.Split('/', '.').Where(s => s.Length > 0))
        {
            if (node[segment] is not JsonObject next)
            {
                next = [];
                node[segment] = next;
            }

            node = next;
        }

        if (node["_errors"] is not JsonArray errors)
        {
            errors = [];
            node["_errors"] = errors;
        }

        errors.Add(new JsonObject { ["code"] = code, ["message"] = message });
    }
}
