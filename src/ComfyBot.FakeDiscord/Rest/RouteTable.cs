namespace ComfyBot.FakeDiscord.Rest;

/// <summary>Implemented operations keyed by the spec's "method /template".</summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, Route> routes = new(StringComparer.Ordinal);

    public void Bot(string operation, Func<RestRequest, Task<RestResponse>> handler) => routes.Add(operation, new Route(true, handler));

    /// <summary>Interaction and webhook-token routes: the token in the path is the credential (spec: security [{}, BotToken]).</summary>
    public void Open(string operation, Func<RestRequest, Task<RestResponse>> handler) => routes.Add(operation, new Route(false, handler));

    public Route? Find(string operation) => routes.GetValueOrDefault(operation);
}
