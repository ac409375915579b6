using System.Text.Json;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord.Messages;

/// <summary>
/// The limits Discord puts on a message's (legacy, non components-v2) components: at most 5 action rows and custom
/// ids used once in the message, which its OpenAPI document does not carry, and at most 5 buttons in a row and custom
/// ids of 1 to 100 characters, which it does (checked here too, for a fake run with the contract check off). A body
/// over them is refused whole with 400 Invalid Form Body, as Discord does.
/// </summary>
internal static class ComponentLimits
{
    public const int MaxRows = 5;
    public const int MaxPerRow = 5;
    public const int MaxCustomId = 100;

    /// <exception cref="DiscordErrorException">A limit is broken; the error names the field as Discord does.</exception>
    public static void Check(IReadOnlyList<JsonElement> rows, int flags, string location)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if ((flags & MessageFlags.IsComponentsV2) != 0)
        {
            return;
        }

        var prefix = location.Length == 0 ? "components" : $"{location}.components";
        if (rows.Count > MaxRows)
        {
            throw Refused(prefix, "BASE_TYPE_MAX_LENGTH", $"Must be {MaxRows} or fewer in length.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            if (!rows[r].TryGetProperty("components", out var children) || children.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            if (children.GetArrayLength() > MaxPerRow)
            {
                throw Refused($"{prefix}.{r}.components", "BASE_TYPE_MAX_LENGTH", $"Must be {MaxPerRow} or fewer in length.");
            }

            var c = 0;
            foreach (var child in children.EnumerateArray())
            {
                if (child.TryGetProperty("custom_id", out var id) && id.GetString() is { } customId)
                {
                    var field = $"{prefix}.{r}.components.{c}.custom_id";
                    if (customId.Length is 0 or > MaxCustomId)
                    {
                        throw Refused(field, "BASE_TYPE_BAD_LENGTH", $"Must be between 1 and {MaxCustomId} in length.");
                    }

                    if (!ids.Add(customId))
                    {
                        throw Refused(field, "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
                    }
                }

                c++;
            }
        }
    }

    private static DiscordErrorException Refused(string field, string code, string message) =>
        new(RestResponse.InvalidFormBody(field, code, message));
}
