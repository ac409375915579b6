using ComfyBot.FakeDiscord.Contracts;

namespace ComfyBot.FakeDiscord.Rest;

/// <summary>
/// One implemented operation: whether it needs the bot token, its handler, and for token-in-path routes the check of
/// that token, which Discord makes before it looks at the body (an expired interaction token is 401 50027 whatever
/// the body holds).
/// </summary>
internal sealed record Route(bool RequiresBotToken, Func<RestRequest, Task<RestResponse>> Handler, Func<OperationMatch, RestResponse?>? Authorize = null);
