using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord.Commands;

/// <summary>Global and guild application commands: list, bulk overwrite (PUT), and one command at a time.</summary>
internal sealed class CommandRoutes(FakeDiscordState state)
{
    public void Register(RouteTable routes)
    {
        routes.Bot("get /applications/{application_id}/commands", r => Run(r, guild: false, put: false));
        routes.Bot("put /applications/{application_id}/commands", r => Run(r, guild: false, put: true));
        routes.Bot("get /applications/{application_id}/guilds/{guild_id}/commands", r => Run(r, guild: true, put: false));
        routes.Bot("put /applications/{application_id}/guilds/{guild_id}/commands", r => Run(r, guild: true, put: true));
        foreach (var scope in new[] { "/applications/{application_id}/commands", "/applications/{application_id}/guilds/{guild_id}/commands" })
        {
            routes.Bot("post " + scope, r => One(r, (guild, _) => Create(r, guild)));
            routes.Bot("get " + scope + "/{command_id}", r => One(r, (guild, id) => Found(state.Commands.Find(guild, id!.Value))));
            routes.Bot("patch " + scope + "/{command_id}", r => One(r, (guild, id) => Found(state.Commands.Edit(guild, id!.Value, r.PayloadObject))));
            routes.Bot("delete " + scope + "/{command_id}", r => One(r, (guild, id) =>
                state.Commands.Delete(guild, id!.Value) ? RestResponse.NoContent : UnknownCommand()));
        }
    }

    private Task<RestResponse> One(RestRequest request, Func<ulong, ulong?, RestResponse> action)
    {
        if (request.Snowflake("application_id") != state.Options.ApplicationId)
        {
            return Task.FromResult(RestResponse.Error(403, 20012, "You are not authorized to perform this action on this application"));
        }

        var scope = request.Match.Parameters.ContainsKey("guild_id") ? request.Snowflake("guild_id") : 0UL;
        if (scope != 0 && !state.Guilds.Any(g => g.Id == scope))
        {
            return Task.FromResult(RestResponse.Error(404, 10004, "Unknown Guild"));
        }

        var id = request.Match.Parameters.ContainsKey("command_id") ? request.Snowflake("command_id") : (ulong?)null;
        return Task.FromResult(action(scope, id));
    }

    private RestResponse Create(RestRequest request, ulong guild)
    {
        var (command, created) = state.Commands.Upsert(guild, request.PayloadObject);
        return new RestResponse(created ? 201 : 200, command);
    }

    private static RestResponse Found(JsonObject? command) => command is null ? UnknownCommand() : RestResponse.Ok(command);

    private static RestResponse UnknownCommand() => RestResponse.Error(404, 10063, "Unknown application command");

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
