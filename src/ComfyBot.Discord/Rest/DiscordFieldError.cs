namespace ComfyBot.Discord.Rest;

/// <summary>One entry of the nested <c>errors</c> object of a 400 answer, flattened.</summary>
/// <param name="Path">Where in the body, e.g. <c>data.components[0].components[1].custom_id</c>.</param>
/// <param name="Code">Discord's error code for the field, e.g. <c>BASE_TYPE_MAX_LENGTH</c>.</param>
/// <param name="Message">Discord's explanation.</param>
public sealed record DiscordFieldError(string Path, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message} ({Code})";
}
