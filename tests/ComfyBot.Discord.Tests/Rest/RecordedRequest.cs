using System.Text;

namespace ComfyBot.Discord.Tests.Rest;

/// <summary>One request as the scripted handler saw it.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    string PathAndQuery,
    string? Authorization,
    string? UserAgent,
    string? ContentType,
    byte[] Body,
    IReadOnlyList<RecordedPart> Parts)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The JSON of the body: the whole body, or the payload_json part of a multipart body.</summary>
    public string Json => Parts.Count == 0 ? BodyText : Encoding.UTF8.GetString(Parts.Single(p => p.Name == "payload_json").Content);
}

/// <summary>One part of a multipart body.</summary>
internal sealed record RecordedPart(string? Name, string? FileName, string? ContentType, byte[] Content);
