using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.FakeDiscord.Rest;
using ComfyBot.FakeDiscord.Snowflakes;

namespace ComfyBot.FakeDiscord.Interactions;

/// <summary>Builds realistic INTERACTION_CREATE payloads (field set as Discord sends them in API v10).</summary>
internal sealed class InteractionFactory(
    FakeDiscordOptions options, Func<IReadOnlyList<FakeGuild>> guilds, SnowflakeGenerator snowflakes, MessageStore messages, Func<string, ulong?> commandId)
{
    /// <param name="name">Command name.</param>
    /// <param name="commandOptions">Options as the user filled them in.</param>
    /// <param name="origin">Where and who.</param>
    /// <param name="type">2 APPLICATION_COMMAND, or 4 APPLICATION_COMMAND_AUTOCOMPLETE (one option focused).</param>
    public (FakeInteraction Interaction, JsonObject Payload) SlashCommand(string name, IReadOnlyList<SlashCommandOption> commandOptions, InteractionOrigin? origin, int type = 2)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (type == 4 && !IsAnyFocused(commandOptions))
        {
            throw new ArgumentException("An autocomplete interaction needs the option being typed: mark one with Focused = true.", nameof(commandOptions));
        }

        var resolved = new JsonObject();
        var data = new JsonObject
        {
            ["id"] = MessageJson.Id(commandId(name) ?? snowflakes.Next()),
            ["name"] = name,
            ["type"] = 1,
        };
        if (commandOptions.Count > 0)
        {
            data["options"] = new JsonArray([.. commandOptions.Select(o => Option(o, resolved))]);
        }

        if (resolved.Count > 0)
        {
            data["resolved"] = resolved;
        }

        return Build(type, data, origin, source: null);
    }

    private static bool IsAnyFocused(IReadOnlyList<SlashCommandOption> options) => options.Any(o => o.Focused || IsAnyFocused(o.Options));

    public (FakeInteraction Interaction, JsonObject Payload) ButtonClick(FakeMessage message, string customId, InteractionOrigin? origin)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(customId);
        if (!message.Current.CustomIds.Contains(customId))
        {
            throw new ArgumentException($"Message {message.Id} has no component with custom_id '{customId}' (it has: {string.Join(", ", message.Current.CustomIds)}); click one of those.", nameof(customId));
        }

        var data = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 };
        origin ??= new InteractionOrigin();
        origin = origin with { GuildId = origin.GuildId ?? message.GuildId, ChannelId = origin.ChannelId ?? message.ChannelId };
        return Build(3, data, origin, message);
    }

    /// <summary>A modal the bot opened (callback type 9) is submitted with a value for each of its text inputs.</summary>
    public (FakeInteraction Interaction, JsonObject Payload) ModalSubmit(FakeInteraction opener, IReadOnlyDictionary<string, string> values, InteractionOrigin? origin)
    {
        ArgumentNullException.ThrowIfNull(opener);
        ArgumentNullException.ThrowIfNull(values);
        if (opener.Callback is not { Type: 9, Data: { } modal })
        {
            throw new ArgumentException($"{opener} was not answered with a modal (callback type 9); a member can only submit a modal the bot opened.", nameof(opener));
        }

        // A modal holds Labels (type 18, one input in "component", as Discord asks today) or legacy action rows (type 1,
        // inputs in "components"); the submission answers in the same shape, one entry per text input given.
        var inputs = new List<(string CustomId, bool Label, JsonElement Input)>();
        if (modal.TryGetProperty("components", out var top))
        {
            foreach (var entry in top.EnumerateArray())
            {
                if (entry.TryGetProperty("component", out var single) && single.TryGetProperty("custom_id", out var id))
                {
                    inputs.Add((id.GetString()!, true, single));
                }
                else if (entry.TryGetProperty("components", out var children))
                {
                    inputs.AddRange(children.EnumerateArray().Where(c => c.TryGetProperty("custom_id", out _)).Select(c => (c.GetProperty("custom_id").GetString()!, false, c)));
                }
            }
        }

        var known = inputs.Select(i => i.CustomId).ToList();
        var unknown = values.Keys.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"The modal has no text input {string.Join(", ", unknown)} (it has: {string.Join(", ", known)}).", nameof(values));
        }

        foreach (var (customId, _, input) in inputs)
        {
            // What Discord's client enforces before it lets a member submit: required inputs, and the lengths.
            var value = values.GetValueOrDefault(customId) ?? string.Empty;
            var required = !input.TryGetProperty("required", out var r) || r.ValueKind != JsonValueKind.False;
            if (required && value.Length == 0)
            {
                throw new ArgumentException($"The modal's text input {customId} is required; Discord's client does not submit the modal without it.", nameof(values));
            }

            if (value.Length > 0 && input.TryGetProperty("min_length", out var min) && min.ValueKind == JsonValueKind.Number && value.Length < min.GetInt32())
            {
                throw new ArgumentException($"The modal's text input {customId} needs at least {min.GetInt32()} characters; got {value.Length}.", nameof(values));
            }

            var max = input.TryGetProperty("max_length", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : 4000;
            if (value.Length > max)
            {
                throw new ArgumentException($"The modal's text input {customId} takes at most {max} characters; got {value.Length}.", nameof(values));
            }
        }

        var data = new JsonObject
        {
            ["custom_id"] = modal.GetProperty("custom_id").GetString(),
            ["components"] = new JsonArray([.. inputs.Select(i => (JsonNode)(i.Label
                ? new JsonObject
                {
                    ["type"] = 18,
                    ["component"] = new JsonObject { ["type"] = 4, ["custom_id"] = i.CustomId, ["value"] = values.GetValueOrDefault(i.CustomId) ?? string.Empty },
                }
                : new JsonObject
                {
                    ["type"] = 1,
                    ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = i.CustomId, ["value"] = values.GetValueOrDefault(i.CustomId) ?? string.Empty }),
                }))]),
        };
        origin ??= new InteractionOrigin { User = opener.User };
        origin = origin with { GuildId = origin.GuildId ?? opener.GuildId, ChannelId = origin.ChannelId ?? opener.ChannelId };
        return Build(5, data, origin, opener.SourceMessage);
    }

    private (FakeInteraction, JsonObject) Build(int type, JsonObject data, InteractionOrigin? origin, FakeMessage? source)
    {
        origin ??= new InteractionOrigin();
        var guild = origin.DirectMessage ? null : FindGuild(origin.GuildId);
        if (!origin.DirectMessage && guild is null)
        {
            throw new ArgumentException($"Guild {origin.GuildId} is not one of the fake's guilds; add it to FakeDiscordOptions.Guilds.", nameof(origin));
        }

        var channel = guild?.Channels.FirstOrDefault(c => c.Id == (origin.ChannelId ?? guild.Channels[0].Id));
        if (guild is not null && channel is null)
        {
            throw new ArgumentException($"Channel {origin.ChannelId} is not in guild {guild.Id}; add it to that FakeGuild's Channels.", nameof(origin));
        }

        var user = origin.User ?? (guild is { Members.Count: > 0 } ? guild.Members[0] : null) ?? new FakeUser(1_300_000_000_000_000_030, "alice", "Alice");
        var channelId = channel?.Id ?? origin.ChannelId ?? snowflakes.Next();
        origin = origin with { GuildId = guild?.Id, ChannelId = channelId };
        var id = snowflakes.Next();
        var limit = origin.AttachmentSizeLimit ?? options.AttachmentSizeLimit;
        var interaction = new FakeInteraction(id, NewToken(), options.ApplicationId, type, origin, user, SnowflakeGenerator.CreatedAt(id), limit, source);

        if (guild is not null)
        {
            data["guild_id"] = MessageJson.Id(guild.Id);
        }
        else if (data["resolved"] is JsonObject resolved)
        {
            // Outside a guild there are users, not members.
            resolved.Remove("members");
        }

        var payload = new JsonObject
        {
            ["id"] = MessageJson.Id(id),
            ["application_id"] = MessageJson.Id(options.ApplicationId),
            ["type"] = type,
            ["data"] = data,
            ["channel_id"] = MessageJson.Id(channelId),
            ["channel"] = Channel(channel, channelId, guild),
            ["token"] = interaction.Token,
            ["version"] = 1,
            ["locale"] = origin.Locale,
            ["app_permissions"] = origin.AppPermissions,
            ["entitlements"] = new JsonArray(),
            ["attachment_size_limit"] = limit,
            ["context"] = guild is null ? 1 : 0,
            ["authorizing_integration_owners"] = new JsonObject { ["0"] = guild is null ? "0" : MessageJson.Id(guild.Id) },
        };
        if (guild is not null)
        {
            payload["guild_id"] = MessageJson.Id(guild.Id);
            payload["guild_locale"] = "en-US";
            payload["guild"] = new JsonObject { ["id"] = MessageJson.Id(guild.Id), ["locale"] = "en-US", ["features"] = new JsonArray() };
            var member = Member(origin.RoleIds, origin.MemberPermissions);
            member["user"] = UserJson.Render(user);
            member["deaf"] = false;
            member["mute"] = false;
            payload["member"] = member;
        }
        else
        {
            payload["user"] = UserJson.Render(user);
        }

        if (source is not null)
        {
            payload["message"] = MessageJson.Render(source, options.ApplicationId);
        }

        interaction.PayloadUtf8 = System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString());
        return (interaction, payload);
    }

    private FakeGuild? FindGuild(ulong? id)
    {
        var known = guilds();
        if (id is null)
        {
            return known[0];
        }

        foreach (var guild in known)
        {
            if (guild.Id == id)
            {
                return guild;
            }
        }

        return null;
    }

    private JsonObject Option(SlashCommandOption option, JsonObject resolved)
    {
        var node = new JsonObject { ["name"] = option.Name, ["type"] = option.Type };
        if (option.Attachment is { } file)
        {
            var stored = messages.StoreAttachment(new UploadedFile("option", null, file.Filename, file.ContentType, file.Bytes), file.Filename, null, false);
            var attachments = resolved["attachments"] as JsonObject ?? [];
            resolved["attachments"] = attachments;
            var json = MessageJson.Attachment(stored);
            json["ephemeral"] = true;
            attachments[MessageJson.Id(stored.Id)] = json;
            node["value"] = MessageJson.Id(stored.Id);
        }
        else if (option.Value is not null)
        {
            node["value"] = option.Value.DeepClone();
            if (option.User is { } user)
            {
                var users = resolved["users"] as JsonObject ?? [];
                resolved["users"] = users;
                users[MessageJson.Id(user.Id)] = UserJson.Render(user);
                var members = resolved["members"] as JsonObject ?? [];
                resolved["members"] = members;
                members[MessageJson.Id(user.Id)] = Member(option.MemberRoleIds, "2248473465835073");
            }
        }

        if (option.Options.Count > 0)
        {
            node["options"] = new JsonArray([.. option.Options.Select(o => Option(o, resolved))]);
        }

        if (option.Focused)
        {
            node["focused"] = true;
        }

        return node;
    }

    /// <summary>A guild member as interactions carry it; the invoking member adds <c>user</c>, <c>deaf</c> and <c>mute</c>, resolved ones do not.</summary>
    private static JsonObject Member(IEnumerable<ulong> roleIds, string permissions) => new()
    {
        ["roles"] = new JsonArray([.. roleIds.Select(r => (JsonNode)MessageJson.Id(r))]),
        ["permissions"] = permissions,
        ["joined_at"] = MessageJson.Timestamp(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        ["nick"] = null,
        ["avatar"] = null,
        ["banner"] = null,
        ["premium_since"] = null,
        ["communication_disabled_until"] = null,
        ["pending"] = false,
        ["flags"] = 0,
    };

    private static JsonObject Channel(FakeChannel? channel, ulong channelId, FakeGuild? guild)
    {
        var node = new JsonObject
        {
            ["id"] = MessageJson.Id(channelId),
            ["type"] = channel?.Type ?? 1,
            ["flags"] = 0,
        };
        if (guild is not null && channel is not null)
        {
            node["guild_id"] = MessageJson.Id(guild.Id);
            node["name"] = channel.Name;
            if (channel.HasNsfwFlag)
            {
                node["nsfw"] = channel.Nsfw;
            }

            node["position"] = 0;
            node["permissions"] = "2248473465835073";
            node["rate_limit_per_user"] = 0;
        }

        return node;
    }

    private static string NewToken() => "aW50ZXJhY3Rpb24" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
