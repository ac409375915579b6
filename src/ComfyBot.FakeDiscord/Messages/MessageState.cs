using System.Text.Json;

namespace ComfyBot.FakeDiscord.Messages;

/// <summary>One state of a message: what it looked like after its creation or after one edit.</summary>
public sealed class MessageState
{
    /// <summary>0 for the first state, then one more per edit.</summary>
    public required int Version { get; init; }

    /// <summary>Text content ("" when none).</summary>
    public string Content { get; init; } = "";

    /// <summary>Embeds as sent.</summary>
    public IReadOnlyList<JsonElement> Embeds { get; init; } = [];

    /// <summary>Top-level components (action rows) as sent.</summary>
    public IReadOnlyList<JsonElement> Components { get; init; } = [];

    /// <summary>Attachments in order.</summary>
    public IReadOnlyList<FakeAttachment> Attachments { get; init; } = [];

    /// <summary>Message flags (64 = ephemeral, 128 = loading).</summary>
    public int Flags { get; init; }

    /// <summary>When this state was reached (fake time).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Whether this is a deferred response still "thinking".</summary>
    public bool IsLoading => (Flags & MessageFlags.Loading) != 0;

    /// <summary>Whether only the invoker sees it.</summary>
    public bool IsEphemeral => (Flags & MessageFlags.Ephemeral) != 0;

    /// <summary>All custom_ids of buttons and selects, depth first.</summary>
    public IReadOnlyList<string> CustomIds => [.. Components.SelectMany(CustomIdsIn)];

    private static IEnumerable<string> CustomIdsIn(JsonElement component)
    {
        if (component.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (component.TryGetProperty("custom_id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            yield return id.GetString()!;
        }

        if (component.TryGetProperty("components", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray().SelectMany(CustomIdsIn))
            {
                yield return child;
            }
        }
    }
}
