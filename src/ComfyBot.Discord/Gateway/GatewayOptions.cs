namespace ComfyBot.Discord.Gateway;

/// <summary>How to connect to the gateway. Bound from the <see cref="SectionName"/> configuration section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section these options bind from (env: <c>ComfyBot__Discord__Token</c>, ...).</summary>
    public const string SectionName = "ComfyBot:Discord";

    /// <summary>The bot token, without the "Bot " prefix. A secret: never logged, never in an exception.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The intents to identify with.</summary>
    /// <value>Default: <see cref="GatewayIntents.Guilds"/>.</value>
    public GatewayIntents Intents { get; set; } = GatewayIntents.Guilds;

    /// <summary>How many shards to run; null ("auto") uses the count GET /gateway/bot recommends.</summary>
    /// <value>Default: null (auto).</value>
    public int? ShardCount { get; set; }

    /// <summary>The member count above which a guild is sent without offline members (50-250).</summary>
    /// <value>Default: 50.</value>
    public int LargeThreshold { get; set; } = 50;

    /// <summary>The longest wait between reconnect attempts.</summary>
    /// <value>Default: 60 s.</value>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Transport compression of what the gateway sends: <see cref="GatewayCompression.ZlibStream"/> (as discord.py
    /// and discord.js use) or <see cref="GatewayCompression.None"/> for plain JSON text.
    /// </summary>
    /// <value>Default: ZlibStream.</value>
    public GatewayCompression Compression { get; set; } = GatewayCompression.ZlibStream;

    /// <summary>The name sent as <c>properties.browser</c> and <c>properties.device</c> in IDENTIFY.</summary>
    /// <value>Default: "ComfyBot".</value>
    public string ClientName { get; set; } = "ComfyBot";

    /// <summary>Every problem with these options, each naming the key and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var token = Token?.Trim() ?? string.Empty;
        if (token.Length == 0)
        {
            errors.Add($"{SectionName}:Token is empty; set it to the bot token from the developer portal's Bot page (env ComfyBot__Discord__Token).");
        }
        else if (token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{SectionName}:Token starts with \"Bot \"; set only the token itself, without the prefix.");
        }
        else if (token.Any(char.IsWhiteSpace))
        {
            errors.Add($"{SectionName}:Token contains whitespace; copy the token again without spaces or line breaks.");
        }

        if (Intents < 0)
        {
            errors.Add($"{SectionName}:Intents is negative; use a combination of intent names such as \"Guilds\".");
        }

        if (ShardCount is < 1)
        {
            errors.Add($"{SectionName}:ShardCount is {ShardCount}; set it to 1 or more, or leave it empty for auto.");
        }

        if (LargeThreshold is < 50 or > 250)
        {
            errors.Add($"{SectionName}:LargeThreshold is {LargeThreshold}; Discord accepts 50 to 250.");
        }

        if (MaxReconnectDelay < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{SectionName}:MaxReconnectDelay is {MaxReconnectDelay}; set it to at least 00:00:01.");
        }

        if (!Enum.IsDefined(Compression))
        {
            errors.Add($"{SectionName}:Compression is {(int)Compression}; set it to \"ZlibStream\" (default) or \"None\" (plain JSON).");
        }

        if (string.IsNullOrWhiteSpace(ClientName))
        {
            errors.Add($"{SectionName}:ClientName is empty; set a short name such as \"ComfyBot\".");
        }

        return errors;
    }

    /// <summary>Throws if <see cref="Validate"/> finds problems.</summary>
    /// <exception cref="InvalidOperationException">The options are invalid; the message lists every problem.</exception>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid Discord gateway options: " + string.Join(" ", errors));
        }
    }

    /// <summary>The settings without the token.</summary>
    public override string ToString() =>
        $"GatewayOptions {{ Token = {(string.IsNullOrEmpty(Token) ? "(empty)" : "(set)")}, Intents = {Intents}, ShardCount = {ShardCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto"}, Compression = {Compression} }}";
}
