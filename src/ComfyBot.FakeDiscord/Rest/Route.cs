namespace ComfyBot.FakeDiscord.Rest;

/// <summary>One implemented operation: whether it needs the bot token, and its handler.</summary>
internal sealed record Route(bool RequiresBotToken, Func<RestRequest, Task<RestResponse>> Handler);
