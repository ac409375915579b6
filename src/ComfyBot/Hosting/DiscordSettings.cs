using System.Globalization;
using ComfyBot.Discord.HttpInteractions;

namespace ComfyBot.Hosting;

/// <summary>
/// The bot's Discord settings (section <c>ComfyBot:Discord</c>). The gateway reads its own keys (Token, Intents)
/// from the same section; this class holds what the host needs to wire REST, HTTP interactions and registration.
/// </summary>
internal sealed class DiscordSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ComfyBot:Discord";

    /// <summary>The bot token (a secret: never logged).</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The application id; when left out it is read from Discord at start.</summary>
    public ulong? ApplicationId { get; set; }

    /// <summary>The application's public key (64 hex digits); needed in <see cref="DiscordMode.Http"/> only.</summary>
    public string? PublicKey { get; set; }

    /// <summary>How interactions arrive. <value>Gateway.</value></summary>
    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    /// <summary>Where the HTTP interactions endpoint is mapped in <see cref="DiscordMode.Http"/>. <value>/interactions.</value></summary>
    public string InteractionsPath { get; set; } = "/interactions";

    /// <summary>Guilds to register the commands in (instant); empty registers them globally (up to an hour to show).</summary>
    public List<ulong> GuildIds { get; set; } = [];

    /// <summary>Whether commands are registered (compared, overwritten when different) at start. <value>true.</value></summary>
    public bool RegisterCommands { get; set; } = true;

    /// <summary>
    /// Who Discord shows /comfy-admin to by default (default_member_permissions); a server owner can change it per
    /// role in Server Settings → Integrations. <value>ManageServer.</value>
    /// </summary>
    public AdminCommandPermission AdminCommandPermission { get; set; } = AdminCommandPermission.ManageServer;

    /// <summary>Another REST base, e.g. FakeDiscord's <c>http://127.0.0.1:5005/api/v10/</c>. <value>Discord's.</value></summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Every problem, each naming the key and the fix; never quoting the token.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Token))
        {
            errors.Add($"{Section}:Token is empty; set it to the bot token from the developer portal's Bot page (environment variable ComfyBot__Discord__Token, or user secrets).");
        }
        else if (Token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase) || Token.Any(char.IsWhiteSpace))
        {
            errors.Add($"{Section}:Token has a \"Bot \" prefix or whitespace; set only the token itself, copied again without spaces or line breaks.");
        }

        if (ApplicationId is 0)
        {
            errors.Add($"{Section}:ApplicationId is 0; set the application id from the developer portal, or remove the key to read it from Discord.");
        }

        if (Mode == DiscordMode.Http)
        {
            if (PublicKey is not { Length: 64 } key || !key.All(char.IsAsciiHexDigit))
            {
                errors.Add($"{Section}:PublicKey must be the 64 hex digits of the app's Public Key (developer portal, General Information) when Mode is Http.");
            }
            else if (!HttpInteractionsOptions.IsPublicKey(key))
            {
                errors.Add($"{Section}:PublicKey is 64 hex digits but not an Ed25519 public key, so no signature could ever be checked; copy the Public Key again from the developer portal (General Information), not the client secret or another id.");
            }

            if (string.IsNullOrWhiteSpace(InteractionsPath) || !InteractionsPath.StartsWith('/'))
            {
                errors.Add($"{Section}:InteractionsPath is '{InteractionsPath}'; set a path starting with '/', such as /interactions.");
            }
        }

        if (ApiBaseUrl is { } api && (!api.IsAbsoluteUri || api.Scheme is not ("http" or "https") || !api.AbsolutePath.EndsWith('/')))
        {
            errors.Add($"{Section}:ApiBaseUrl is '{api}'; set an absolute http(s) URL ending in '/', such as http://127.0.0.1:5005/api/v10/, or remove it to use Discord.");
        }

        for (var i = 0; i < GuildIds.Count; i++)
        {
            if (GuildIds[i] == 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:GuildIds:{i} is 0; set a server id (right-click the server, Copy Server ID) or remove it."));
            }
        }

        return errors;
    }
}
