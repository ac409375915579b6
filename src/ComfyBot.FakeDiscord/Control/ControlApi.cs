using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.RateLimits;
using Microsoft.AspNetCore.Http;

namespace ComfyBot.FakeDiscord.Control;

/// <summary>
/// The HTTP control API under <see cref="Prefix"/>: what the in-process API does (set up guilds, act as members,
/// read every state, move the clock, inject faults), for people with curl and for bots in any language. Every
/// handler calls the same public methods tests call; README.md lists the routes with examples.
/// </summary>
internal sealed class ControlApi(FakeDiscordState state)
{
    public const string Prefix = "/control";

    // Indented and unescaped for people reading curl output; nothing here is rendered in a browser.
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Set once the server exists (the routes are wired before it is built).</summary>
    public FakeDiscordServer? Server { get; set; }

    public async Task HandleAsync(HttpContext http)
    {
        var segments = (http.Request.Path.Value ?? "")[Prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = http.Request.Method;
        ControlResult result;
        try
        {
            var body = method is "POST" or "PUT" ? await ReadBodyAsync(http) : [];
            result = Route(method, segments, body, http.Request.Query);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or JsonException or KeyNotFoundException)
        {
            result = new ControlResult(400, new JsonObject { ["error"] = ex.Message });
        }

        http.Response.StatusCode = result.Status;
        var bytes = Encoding.UTF8.GetBytes(result.Body.ToJsonString(Output) + "\n");
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    private ControlResult Route(string method, string[] path, JsonObject body, IQueryCollection query)
    {
        var server = Server ?? throw new InvalidOperationException("The server is still starting; try again.");
        return (method, path) switch
        {
            ("GET", []) => Ok(Overview(server)),
            ("GET", ["guilds"]) => Ok(new JsonArray([.. server.Guilds.Select(g => (JsonNode)ControlJson.Guild(g))])),
            ("POST", ["guilds"]) => Ok(ControlJson.Guild(server.AddGuild(NewGuild(body)))),
            ("POST", ["guilds", var g, "channels"]) => Ok(Channel(server.AddChannel(Id(g), Text(body, "name"), Int(body, "type") ?? 0, body["nsfw"]?.GetValue<bool>() ?? false))),
            ("POST", ["guilds", var g, "roles"]) => Ok(Role(server.AddRole(Id(g), Text(body, "name"), body["permissions"]?.ToString() ?? "0"))),
            ("POST", ["guilds", var g, "members"]) => Ok(ControlJson.User(server.AddMember(Id(g), Text(body, "username"), body["global_name"]?.GetValue<string>()))),
            ("POST", ["commands"]) => Ok(ControlJson.Interaction(server.CreateSlashCommand(Text(body, "name"), Options(body, server), Origin(body, server)))),
            ("POST", ["autocomplete"]) => Ok(ControlJson.Interaction(server.CreateAutocomplete(Text(body, "name"), Options(body, server), Origin(body, server)))),
            ("POST", ["clicks"]) => Ok(ControlJson.Interaction(server.CreateButtonClick(Message(server, body), Text(body, "custom_id"), Origin(body, server)))),
            ("POST", ["modals"]) => Ok(ControlJson.Interaction(server.CreateModalSubmit(Interaction(server, Text(body, "interaction_id")), Values(body), Origin(body, server)))),
            ("GET", ["interactions"]) => Ok(new JsonArray([.. server.Interactions.Select(i => (JsonNode)ControlJson.Interaction(i))])),
            ("GET", ["interactions", var i]) => Ok(ControlJson.Interaction(Interaction(server, i))),
            ("GET", ["messages", var m]) => Ok(ControlJson.Message(server.FindMessage(Id(m)) ?? throw new KeyNotFoundException($"No message {m}."))),
            ("GET", ["channels", var c, "messages"]) => Ok(new JsonArray([.. server.MessagesIn(Id(c)).Select(m => (JsonNode)ControlJson.Message(m))])),
            ("POST", ["clock", "advance"]) => Advance(body),
            ("POST", ["faults", "rate-limit"]) => Fault(() => server.ScriptRateLimit(Operation(body), Int(body, "times") ?? 1, Scope(body), Seconds(body, "retry_after"))),
            ("POST", ["faults", "server-error"]) => Fault(() => server.ScriptServerError(Operation(body), Int(body, "times") ?? 1, Int(body, "status") ?? 502)),
            ("POST", ["gateway", "drop"]) => Fault(server.Gateway.DropConnections),
            ("POST", ["gateway", "reconnect"]) => Fault(server.Gateway.SendReconnect),
            ("POST", ["gateway", "heartbeat-request"]) => Fault(server.Gateway.RequestHeartbeat),
            ("POST", ["gateway", "invalidate"]) => Fault(() => server.Gateway.InvalidateSession(body["resumable"]?.GetValue<bool>() ?? false)),
            ("POST", ["gateway", "close"]) => Fault(() => server.Gateway.Close(Int(body, "code") ?? 4000, body["reason"]?.GetValue<string>() ?? "")),
            ("POST", ["gateway", "refuse"]) => Fault(() => server.Gateway.RefusingConnections = body["refusing"]?.GetValue<bool>() ?? true),
            ("GET", ["requests"]) => Ok(new JsonArray([.. server.Requests.Select(r => (JsonNode)new JsonObject
            {
                ["operation"] = r.Operation, ["status"] = r.Status, ["outcome"] = r.Outcome, ["at"] = r.At.ToString("O", CultureInfo.InvariantCulture),
            })])),
            ("GET", ["violations"]) => Ok(new JsonObject
            {
                ["violations"] = new JsonArray([.. server.ContractViolations.Select(v => (JsonNode)v.ToString())]),
                ["undocumented_fields"] = new JsonArray([.. server.UndocumentedFields.Select(v => (JsonNode)v.ToString())]),
            }),
            _ => new ControlResult(404, new JsonObject { ["error"] = $"No control route {method} {Prefix}/{string.Join('/', path)}; see src/ComfyBot.FakeDiscord/README.md." }),
        };
    }

    private JsonObject Overview(FakeDiscordServer server) => new()
    {
        ["rest"] = server.BaseAddress.ToString(),
        ["gateway"] = server.GatewayUrl.ToString(),
        ["application_id"] = server.ApplicationId.ToString(CultureInfo.InvariantCulture),
        ["now"] = state.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        ["gateway_connections"] = server.Gateway.LiveConnectionCount,
        ["ready_connections"] = server.Gateway.ReadyConnectionCount,
        ["guilds"] = new JsonArray([.. server.Guilds.Select(g => (JsonNode)ControlJson.Guild(g))]),
        ["commands"] = new JsonArray([.. server.Guilds.SelectMany(g => server.GetCommands(g.Id)).Concat(server.GetCommands())
            .Select(c => (JsonNode)c.GetProperty("name").GetString()!)]),
    };

    private ControlResult Advance(JsonObject body)
    {
        var by = Seconds(body, "seconds") ?? throw new ArgumentException("Give \"seconds\": how far to move the clock, e.g. {\"seconds\": 900}.");
        if (state.Time is not FakeDiscordClock clock)
        {
            return new ControlResult(409, new JsonObject
            {
                ["error"] = "This server runs on its host's clock (FakeDiscordOptions.TimeProvider); advance that clock instead.",
            });
        }

        clock.Advance(by);
        return Ok(new JsonObject { ["now"] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), ["offset_seconds"] = clock.Offset.TotalSeconds });
    }

    private FakeGuild NewGuild(JsonObject body)
    {
        var channels = body["channels"] as JsonArray ?? ["general"];
        var members = body["members"] as JsonArray ?? [];
        ulong NewId() => state.Snowflakes.Next();
        return new FakeGuild
        {
            Id = 0,
            Name = Text(body, "name"),
            Channels = [.. channels.Select(c => c is JsonObject o
                ? new FakeChannel(NewId(), Text(o, "name"), Nsfw: o["nsfw"]?.GetValue<bool>() ?? false)
                : new FakeChannel(NewId(), c!.GetValue<string>()))],
            Members = [.. members.Select(m => m is JsonObject o
                ? new FakeUser(NewId(), Text(o, "username"), o["global_name"]?.GetValue<string>())
                : new FakeUser(NewId(), m!.GetValue<string>()))],
        };
    }

    private static List<SlashCommandOption> Options(JsonObject body, FakeDiscordServer server) =>
        body["options"] is JsonArray options ? [.. options.Select(o => Option((JsonObject)o!, server))] : [];

    private static SlashCommandOption Option(JsonObject o, FakeDiscordServer server)
    {
        var name = Text(o, "name");
        SlashCommandOption option;
        if (o["options"] is JsonArray subs)
        {
            var inner = subs.Select(s => Option((JsonObject)s!, server)).ToArray();
            option = Int(o, "type") == 2 ? SlashCommandOption.Group(name, inner.Single()) : SlashCommandOption.SubCommand(name, inner);
        }
        else if (o["attachment"] is JsonObject file)
        {
            option = SlashCommandOption.File(name, Text(file, "filename"), file["content_type"]?.GetValue<string>() ?? "application/octet-stream",
                Convert.FromBase64String(Text(file, "base64")));
        }
        else if (o["user_id"] is JsonNode user)
        {
            option = SlashCommandOption.Member(name, FindUser(server, Id(user.ToString())));
        }
        else
        {
            option = o["value"] switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => SlashCommandOption.Text(name, s),
                JsonValue v when v.TryGetValue<bool>(out var b) => SlashCommandOption.Boolean(name, b),
                JsonValue v when v.TryGetValue<long>(out var l) => SlashCommandOption.WholeNumber(name, l),
                JsonValue v when v.TryGetValue<double>(out var d) => SlashCommandOption.Number(name, d),
                _ => throw new ArgumentException($"Option '{name}' needs a \"value\" (string, number or boolean), \"attachment\", \"user_id\" or \"options\"."),
            };
        }

        return o["focused"]?.GetValue<bool>() == true ? option with { Focused = true } : option;
    }

    private static InteractionOrigin Origin(JsonObject body, FakeDiscordServer server) => new()
    {
        GuildId = body["guild_id"] is JsonNode g ? Id(g.ToString()) : null,
        ChannelId = body["channel_id"] is JsonNode c ? Id(c.ToString()) : null,
        User = body["user_id"] is JsonNode u ? FindUser(server, Id(u.ToString())) : null,
        RoleIds = body["role_ids"] is JsonArray roles ? [.. roles.Select(r => Id(r!.ToString()))] : [],
        Locale = body["locale"]?.GetValue<string>() ?? "en-US",
        MemberPermissions = body["permissions"]?.ToString() ?? "2248473465835073",
    };

    private static FakeUser FindUser(FakeDiscordServer server, ulong id) =>
        server.Guilds.SelectMany(g => g.Members).FirstOrDefault(m => m.Id == id)
        ?? throw new ArgumentException($"No member {id}; add one with POST {Prefix}/guilds/{{guild_id}}/members.");

    private static Messages.FakeMessage Message(FakeDiscordServer server, JsonObject body) =>
        server.FindMessage(Id(Text(body, "message_id"))) ?? throw new KeyNotFoundException($"No message {body["message_id"]}.");

    private static FakeInteraction Interaction(FakeDiscordServer server, string id) =>
        server.Interactions.FirstOrDefault(i => i.Id == Id(id)) ?? throw new KeyNotFoundException($"No interaction {id}.");

    private static Dictionary<string, string> Values(JsonObject body) =>
        (body["values"] as JsonObject ?? throw new ArgumentException("Give \"values\": {\"<text input custom_id>\": \"<what the member typed>\"}."))
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    private static string? Operation(JsonObject body) => body["operation"]?.GetValue<string>();

    private static RateLimitScope Scope(JsonObject body) =>
        body["scope"]?.GetValue<string>() is { } scope ? Enum.Parse<RateLimitScope>(scope, ignoreCase: true) : RateLimitScope.User;

    private static ControlResult Fault(Action apply)
    {
        apply();
        return Ok(new JsonObject { ["applied"] = true });
    }

    private static JsonObject Channel(FakeChannel channel) => new() { ["id"] = channel.Id.ToString(CultureInfo.InvariantCulture), ["name"] = channel.Name, ["type"] = channel.Type, ["nsfw"] = channel.Nsfw };

    private static JsonObject Role(FakeRole role) => new() { ["id"] = role.Id.ToString(CultureInfo.InvariantCulture), ["name"] = role.Name, ["permissions"] = role.Permissions };

    private static string Text(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw new ArgumentException($"\"{name}\" is required (a string).");

    private static int? Int(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    private static TimeSpan? Seconds(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<double>(out var s) ? TimeSpan.FromSeconds(s) : null;

    private static ulong Id(string text) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        ? id
        : throw new ArgumentException($"'{text}' is not a snowflake (a decimal id).");

    private static ControlResult Ok(JsonNode body) => new(200, body);

    private static async Task<JsonObject> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        return text.Trim().Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? throw new ArgumentException("The body must be a JSON object.");
    }

    private sealed record ControlResult(int Status, JsonNode Body);
}
