using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Contracts;
using Microsoft.AspNetCore.Http;

namespace ComfyBot.FakeDiscord.Rest;

/// <summary>A request after routing, auth, rate limits, body parsing and the contract check.</summary>
internal sealed class RestRequest
{
    public required HttpContext Http { get; init; }

    public required OperationMatch Match { get; init; }

    /// <summary>The JSON body, or <c>payload_json</c> of a multipart body; null when there was none.</summary>
    public JsonNode? Payload { get; init; }

    public IReadOnlyList<UploadedFile> Files { get; init; } = [];

    public string this[string parameter] => Match[parameter];

    public ulong Snowflake(string parameter) =>
        ulong.TryParse(Match[parameter], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new DiscordErrorException(RestResponse.InvalidFormBody(parameter, "NUMBER_TYPE_COERCE", $"Value \"{Match[parameter]}\" is not snowflake."));

    public bool QueryFlag(string name) =>
        Http.Request.Query.TryGetValue(name, out var value) && value.ToString() is "true" or "True" or "1";

    /// <summary>The payload as an object, or an empty one; a non-object body is a form error.</summary>
    public JsonObject PayloadObject => Payload switch
    {
        null => [],
        JsonObject obj => obj,
        _ => throw new DiscordErrorException(RestResponse.InvalidFormBody("", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")),
    };
}
