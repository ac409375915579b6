namespace ComfyBot.Discord.Interactions;

/// <summary>
/// Turns an interaction's JSON (the gateway's INTERACTION_CREATE <c>d</c>, or the HTTP endpoint's body)
/// into an <see cref="Interaction"/>. Both paths share this code so they cannot drift apart.
/// </summary>
public static class InteractionParser
{
    /// <summary>Parses UTF-8 interaction JSON.</summary>
    /// <exception cref="InteractionFormatException">The JSON is malformed or lacks id, application_id, type or token.</exception>
    public static Interaction Parse(ReadOnlySpan<byte> utf8Json) => InteractionReader.Read(utf8Json);

    /// <summary>Parses interaction JSON text.</summary>
    /// <exception cref="InteractionFormatException">The JSON is malformed or lacks a required field.</exception>
    public static Interaction Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }
}
