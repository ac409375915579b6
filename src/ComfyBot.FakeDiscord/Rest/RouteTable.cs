using ComfyBot.FakeDiscord.Contracts;

namespace ComfyBot.FakeDiscord.Rest;

/// <summary>Implemented operations keyed by the spec's "method /template".</summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, Route> routes = new(StringComparer.Ordinal);

    public void Bot(string operation, Func<RestRequest, Task<RestResponse>> handler) => routes.Add(operation, new Route(true, handler));

    /// <summary>Interaction and webhook-token routes: the token in the path is the credential (spec: security [{}, BotToken]).</summary>
    /// <param name="operation">The spec's "method /template".</param>
    /// <param name="handler">Runs after the body was read and checked.</param>
    /// <param name="authorize">Checks the token in the path before the body is read; null when it holds.</param>
    public void Open(string operation, Func<RestRequest, Task<RestResponse>> handler, Func<OperationMatch, RestResponse?>? authorize = null) =>
        routes.Add(operation, new Route(false, handler, authorize));

    public Route? Find(string operation) => routes.GetValueOrDefault(operation);
}
