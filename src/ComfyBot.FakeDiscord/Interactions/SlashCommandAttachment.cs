namespace ComfyBot.FakeDiscord.Interactions;

/// <summary>A file a user attached to an ATTACHMENT option.</summary>
/// <param name="Filename">File name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Bytes">Contents.</param>
public sealed record SlashCommandAttachment(string Filename, string ContentType, byte[] Bytes);
