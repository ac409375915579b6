using System.Globalization;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Rest;
using ComfyBot.FakeDiscord.Snowflakes;

namespace ComfyBot.FakeDiscord.Commands;

/// <summary>Application commands per scope (global, or per guild), as the last bulk overwrite left them.</summary>
internal sealed class CommandStore(SnowflakeGenerator snowflakes, ulong applicationId)
{
    private readonly Lock gate = new();
    private readonly Dictionary<ulong, List<JsonObject>> scopes = [];

    /// <summary>How many PUTs changed anything; a bot should PUT only when its definitions changed.</summary>
    public int OverwriteCount { get; private set; }

    /// <param name="guildId">0 for global commands.</param>
    public JsonArray Get(ulong guildId)
    {
        lock (gate)
        {
            return new JsonArray([.. scopes.GetValueOrDefault(guildId, []).Select(c => c.DeepClone())]);
        }
    }

    public ulong? FindId(string name)
    {
        lock (gate)
        {
            var found = scopes.Values.SelectMany(s => s).FirstOrDefault(c => c["name"]?.GetValue<string>() == name);
            return found is null ? null : ulong.Parse(found["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Bulk overwrite: commands keep their id when name and type match an existing one.</summary>
    public JsonArray Overwrite(ulong guildId, JsonArray commands)
    {
        var seen = new HashSet<(string, int)>();
        var stored = new List<JsonObject>();
        lock (gate)
        {
            var existing = scopes.GetValueOrDefault(guildId, []);
            for (var i = 0; i < commands.Count; i++)
            {
                if (commands[i] is not JsonObject input || input["name"]?.GetValue<string>() is not { } name)
                {
                    throw new DiscordErrorException(RestResponse.InvalidFormBody($"{i}.name", "BASE_TYPE_REQUIRED", "This field is required"));
                }

                var type = input["type"] is JsonValue t && t.TryGetValue<int>(out var n) ? n : 1;
                if (!seen.Add((name, type)))
                {
                    throw new DiscordErrorException(RestResponse.InvalidFormBody($"{i}.name", "APPLICATION_COMMANDS_DUPLICATE_NAME", $"Application command names must be unique: '{name}' appears twice."));
                }

                var previous = existing.FirstOrDefault(c => c["name"]?.GetValue<string>() == name && c["type"]!.GetValue<int>() == type);
                stored.Add(Normalize(input, type, guildId, previous?["id"]?.GetValue<string>()));
            }

            scopes[guildId] = stored;
            OverwriteCount++;
            return new JsonArray([.. stored.Select(c => c.DeepClone())]);
        }
    }

    /// <summary>POST of one command: a command of the same name and type is replaced (keeping its id), as Discord upserts.</summary>
    /// <returns>The stored command, and whether it is new (Discord answers 201) rather than replaced (200).</returns>
    public (JsonObject Command, bool Created) Upsert(ulong guildId, JsonObject input)
    {
        if (input["name"] is not JsonValue n || !n.TryGetValue<string>(out var name))
        {
            throw new DiscordErrorException(RestResponse.InvalidFormBody("name", "BASE_TYPE_REQUIRED", "This field is required"));
        }

        var type = input["type"] is JsonValue t && t.TryGetValue<int>(out var k) ? k : 1;
        lock (gate)
        {
            var list = scopes.TryGetValue(guildId, out var existing) ? existing : scopes[guildId] = [];
            var index = list.FindIndex(c => c["name"]?.GetValue<string>() == name && c["type"]!.GetValue<int>() == type);
            var command = Normalize(input, type, guildId, index >= 0 ? list[index]["id"]!.GetValue<string>() : null);
            if (index >= 0)
            {
                list[index] = command;
            }
            else
            {
                list.Add(command);
            }

            return ((JsonObject)command.DeepClone(), index < 0);
        }
    }

    public JsonObject? Find(ulong guildId, ulong id)
    {
        lock (gate)
        {
            return scopes.GetValueOrDefault(guildId, []).FirstOrDefault(c => c["id"]!.GetValue<string>() == Id(id))?.DeepClone() as JsonObject;
        }
    }

    /// <summary>PATCH of one command: the fields sent replace those stored; null when there is no such command.</summary>
    public JsonObject? Edit(ulong guildId, ulong id, JsonObject patch)
    {
        lock (gate)
        {
            var list = scopes.GetValueOrDefault(guildId, []);
            var index = list.FindIndex(c => c["id"]!.GetValue<string>() == Id(id));
            if (index < 0)
            {
                return null;
            }

            var merged = (JsonObject)list[index].DeepClone();
            foreach (var (key, value) in patch)
            {
                merged[key] = value?.DeepClone();
            }

            list[index] = Normalize(merged, list[index]["type"]!.GetValue<int>(), guildId, Id(id));
            return (JsonObject)list[index].DeepClone();
        }
    }

    public bool Delete(ulong guildId, ulong id)
    {
        lock (gate)
        {
            return scopes.GetValueOrDefault(guildId, []).RemoveAll(c => c["id"]!.GetValue<string>() == Id(id)) > 0;
        }
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private JsonObject Normalize(JsonObject input, int type, ulong guildId, string? id)
    {
        var command = (JsonObject)input.DeepClone();
        command["id"] = id ?? snowflakes.Next().ToString(CultureInfo.InvariantCulture);
        command["application_id"] = applicationId.ToString(CultureInfo.InvariantCulture);
        command["version"] = snowflakes.Next().ToString(CultureInfo.InvariantCulture);
        command["type"] = type;
        command["description"] ??= "";
        command["nsfw"] ??= false;
        // Discord answers with the doc form, a string bitfield, whatever number form the request used.
        command["default_member_permissions"] = command["default_member_permissions"] is JsonValue p
            ? (p.TryGetValue<string>(out var s) ? s : p.ToJsonString())
            : null;
        if (guildId != 0)
        {
            command["guild_id"] = guildId.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            command["contexts"] ??= new JsonArray(0, 1, 2);
            command["integration_types"] ??= new JsonArray(0);
        }

        return command;
    }
}
