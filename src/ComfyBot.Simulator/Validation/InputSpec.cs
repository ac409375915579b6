using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Validation;

/// <summary>
/// One declared input: its type (a name such as "INT", or an option list for a V1 combo) and its options
/// object (min, max, default, and for V3 combos "options").
/// </summary>
internal sealed record InputSpec(string Name, bool Required, JsonNode Type, JsonObject Extra)
{
    /// <summary>The type name, or null when the type is an option list.</summary>
    public string? TypeName => Type is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The options of a combo in either encoding, or null when this input is no combo.</summary>
    public JsonArray? ComboOptions => Type switch
    {
        JsonArray list => list,
        _ when TypeName == "COMBO" => Extra["options"] as JsonArray ?? [],
        _ => null,
    };

    /// <summary>[type, options] as ComfyUI echoes it in error extra_info.input_config.</summary>
    public JsonArray InputConfig() => [Type.DeepClone(), Extra.DeepClone()];
}
