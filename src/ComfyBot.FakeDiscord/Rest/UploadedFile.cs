namespace ComfyBot.FakeDiscord.Rest;

/// <summary>A file part of a multipart request; <see cref="Index"/> is n of <c>files[n]</c> when the name has one.</summary>
internal sealed record UploadedFile(string FieldName, int? Index, string FileName, string? ContentType, byte[] Bytes);
