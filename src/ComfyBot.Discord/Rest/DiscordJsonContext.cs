using System.Text.Json.Serialization;
using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;

namespace ComfyBot.Discord.Rest;

/// <summary>
/// Source-generated JSON for everything the REST client sends and reads. Null is never written: in a PATCH an
/// absent field means "keep" and null means "clear", so clearing is always an explicit empty list.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(InteractionCallbackPayload<MessagePayload>))]
[JsonSerializable(typeof(InteractionCallbackPayload<AutocompletePayload>))]
[JsonSerializable(typeof(InteractionCallbackPayload<ModalPayload>))]
[JsonSerializable(typeof(InteractionCallbackResponse))]
[JsonSerializable(typeof(DiscordMessage))]
[JsonSerializable(typeof(DiscordUser))]
[JsonSerializable(typeof(DiscordApplication))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(IReadOnlyList<CommandPayload>))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
