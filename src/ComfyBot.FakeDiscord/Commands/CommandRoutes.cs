using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord.Commands;

/// <summary>GET and bulk-overwrite PUT of global and guild application commands.</summary>
internal sealed class CommandRoutes(FakeDiscordState state)
{
    public void Register(RouteTable routes)
    {
        routes.Bot("get /applications/{application_id}/commands", r => Run(r, guild: false, put: false));
        routes.Bot("put /applications/{application_id}/commands", r => Run(r, guild: false, put: true));
        routes.Bot("get /applications/{application_id}/guilds/{guild_id}/commands", r => Run(r, guild: true, put: false));
        routes.Bot("put /applications/{application_id}/guilds/{guild_id}/commands", r => Run(r, guild: true, put: true));
    }

    private Task<RestResponse> Run(RestRequest request, bool guild, bool put)
    {
        if (request.Snowflake("application_id") != state.Options.ApplicationId)
        {
            return Task.FromResult(RestResponse.Error(403, 20012, "You are not authorized to perform this action on this application"));
        }

        var scope = 0UL;
        if (guild)
        {
            scope = request.Snowflake("guild_id");
            if (!state.Guilds.Any(g => g.Id == scope))
            {
                return Task.FromResult(RestResponse.Error(404, 10004, "Unknown Guild"));
            }
        }

        if (!put)
        {
            return Task.FromResult(RestResponse.Ok(state.Commands.Get(scope)));
        }

        var commands = request.Payload switch
        {
            JsonArray array => array,
            null => [],
            _ => throw new DiscordErrorException(RestResponse.InvalidFormBody("", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")),
        };
        return Task.FromResult(RestResponse.Ok(state.Commands.Overwrite(scope, commands)));
    }
}
