namespace ComfyBot.FakeDiscord.Rest;

/// <summary>Thrown inside a route to answer with a Discord error; the pipeline turns it into the response.</summary>
internal sealed class DiscordErrorException(RestResponse response)
    : Exception(response.Body?["message"]?.GetValue<string>() ?? "Discord error")
{
    public RestResponse Response { get; } = response;
}
