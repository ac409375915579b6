using System.Globalization;
using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Contracts;

/// <summary>
/// Known places where Discord's documentation (which wins, per the spec's own README) and openapi.json disagree.
/// Each entry rewrites the doc-correct form into the form the spec expects before validation, so a client that
/// follows the docs is not flagged, while anything else in the body is still checked. Keep it short and say why.
/// </summary>
internal static class ContractAllowList
{
    /// <summary>Applies every entry that matches the operation; returns whether the body changed.</summary>
    public static bool Normalize(string operation, JsonNode body)
    {
        var changed = false;
        if (operation.Contains("/commands", StringComparison.Ordinal))
        {
            // Docs: default_member_permissions is a *string* bitfield ("32"); the spec types it as integer.
            foreach (var command in RootObjects(body))
            {
                changed |= StringToInteger(command, "default_member_permissions");
            }
        }

        if (operation.Contains("/messages", StringComparison.Ordinal) || operation.Contains("/callback", StringComparison.Ordinal)
            || operation.EndsWith("{webhook_token}", StringComparison.Ordinal))
        {
            // Docs: an attachment id may be a "snowflake or number" (placeholder 0, 1 ...); the spec wants a string.
            var message = operation.Contains("/callback", StringComparison.Ordinal) ? body["data"] as JsonObject : body as JsonObject;
            if (message?["attachments"] is JsonArray attachments)
            {
                foreach (var attachment in attachments.OfType<JsonObject>())
                {
                    changed |= IntegerToString(attachment, "id");
                }
            }
        }

        return changed;
    }

    private static IEnumerable<JsonObject> RootObjects(JsonNode body) => body switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject obj => [obj],
        _ => [],
    };

    private static bool StringToInteger(JsonObject obj, string key)
    {
        if (obj[key] is JsonValue value && value.TryGetValue<string>(out var text)
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            obj[key] = number;
            return true;
        }

        return false;
    }

    private static bool IntegerToString(JsonObject obj, string key)
    {
        if (obj[key] is JsonValue value && value.TryGetValue<long>(out var number) && number >= 0)
        {
            obj[key] = number.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        return false;
    }
}
