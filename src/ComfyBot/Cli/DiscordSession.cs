using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Rest;
using ComfyBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Cli;

/// <summary>A REST client and command registrar for the operator verbs, configured as the bot's own (token, ApiBaseUrl, Discord:Rest).</summary>
internal sealed class DiscordSession : IDisposable
{
    private readonly HttpClient http;

    public DiscordSession(IConfiguration configuration, DiscordSettings discord, ILoggerFactory logging, TimeProvider time)
    {
        var options = new DiscordRestOptions();
        configuration.GetSection(DiscordSettings.Section + ":Rest").Bind(options);
        options.Token = discord.Token;
        if (discord.ApiBaseUrl is { } api)
        {
            options.BaseAddress = api;
        }

        // Operators wait at the terminal: a rate limit is reported rather than slept through for minutes.
        options.MaxRateLimitRetries = Math.Min(options.MaxRateLimitRetries, 1);
        options.MaxServerErrorRetries = Math.Min(options.MaxServerErrorRetries, 1);
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Rest = new DiscordRestClient(http, options, time, logging.CreateLogger<DiscordRestClient>());
        Registrar = new CommandRegistrar(Rest, logging.CreateLogger<CommandRegistrar>());
    }

    public DiscordRestClient Rest { get; }

    public CommandRegistrar Registrar { get; }

    /// <summary>What to tell an operator whose request Discord refused; a 401 means the token, and says how to get a new one.</summary>
    public static string Explain(DiscordRestException e) => e.StatusCode == System.Net.HttpStatusCode.Unauthorized
        ? "the token is wrong: Discord answered 401 Unauthorized. Open https://discord.com/developers/applications, pick the app, "
            + "Bot > Reset Token, and set the new token in ComfyBot__Discord__Token (or user secrets)."
        : $"Discord refused the request: {e.Message}";

    public void Dispose() => http.Dispose();
}
