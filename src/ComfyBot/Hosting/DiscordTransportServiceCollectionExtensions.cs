using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.HttpInteractions;
using ComfyBot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ComfyBot.Hosting;

/// <summary>
/// The Discord library as the bot uses it. The library knows no configuration path: the bot binds each of its options
/// from a section under <c>ComfyBot:Discord</c>, and sets the token (and in Http mode the public key) from
/// <see cref="DiscordSettings"/>, the one place they are read. <see cref="Problems"/> runs the library's own validators
/// before anything starts and names each problem by its full key.
/// </summary>
internal static class DiscordTransportServiceCollectionExtensions
{
    /// <summary>The section the REST client's options bind from.</summary>
    public const string RestSection = DiscordSettings.Section + ":Rest";

    /// <summary>The section the HTTP interactions endpoint's options bind from.</summary>
    public const string InteractionsSection = DiscordSettings.Section + ":Interactions";

    /// <summary>The REST client, with its options from <see cref="RestSection"/>, the token and <c>ApiBaseUrl</c>.</summary>
    public static IServiceCollection AddBotDiscordRest(this IServiceCollection services, DiscordSettings discord)
    {
        services.AddDiscordRest();
        services.AddOptions<DiscordRestOptions>().BindConfiguration(RestSection).PostConfigure(o => Complete(o, discord));
        return services;
    }

    /// <summary>The gateway, with its options from <c>ComfyBot:Discord</c> and the token.</summary>
    public static IServiceCollection AddBotDiscordGateway(this IServiceCollection services, DiscordSettings discord)
    {
        services.AddDiscordGateway().BindConfiguration(DiscordSettings.Section).PostConfigure(o => o.Token = discord.Token);
        return services;
    }

    /// <summary>The HTTP interactions endpoint's services, with options from <see cref="InteractionsSection"/> and the public key.</summary>
    public static IServiceCollection AddBotDiscordHttpInteractions(this IServiceCollection services, DiscordSettings discord)
    {
        services.AddDiscordHttpInteractions().BindConfiguration(InteractionsSection).PostConfigure(o => Complete(o, discord));
        return services;
    }

    /// <summary>
    /// Every problem the library's validators find in the options the bot would give it, each with its full key. The
    /// token, the public key and the API base are left out: <see cref="DiscordSettings"/> checks them under their own keys.
    /// </summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, DiscordSettings discord)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(discord);

        // Bound type by type (no generic helper): the configuration binder's source generator, on in a Native AOT
        // publish, writes binding code only for calls whose type it can see.
        var rest = new DiscordRestOptions();
        configuration.GetSection(RestSection).Bind(rest);
        Complete(rest, discord);
        var problems = Named(RestSection, new DiscordRestOptionsValidator().Validate(null, rest), "Token", "BaseAddress").ToList();
        if (discord.Mode == DiscordMode.Http)
        {
            var http = new HttpInteractionsOptions();
            configuration.GetSection(InteractionsSection).Bind(http);
            Complete(http, discord);
            problems.AddRange(Named(InteractionsSection, new HttpInteractionsOptionsValidator().Validate(null, http), "PublicKey"));
        }
        else
        {
            var gateway = new GatewayOptions();
            configuration.GetSection(DiscordSettings.Section).Bind(gateway);
            gateway.Token = discord.Token;
            problems.AddRange(Named(DiscordSettings.Section, new GatewayOptionsValidator().Validate(null, gateway), "Token"));
        }

        return problems;
    }

    private static void Complete(DiscordRestOptions options, DiscordSettings discord)
    {
        options.Token = discord.Token;
        if (discord.ApiBaseUrl is { } api)
        {
            options.BaseAddress = api;
        }
    }

    private static void Complete(HttpInteractionsOptions options, DiscordSettings discord)
    {
        if (string.IsNullOrEmpty(options.PublicKey))
        {
            options.PublicKey = discord.PublicKey ?? string.Empty;
        }
    }

    // The library names a problem by its property ("ShardCount is 0; …"); the bot puts the section in front.
    private static IEnumerable<string> Named(string section, ValidateOptionsResult result, params string[] checkedElsewhere) =>
        (result.Failures ?? [])
            .Where(f => !checkedElsewhere.Any(p => f.StartsWith(p + " ", StringComparison.Ordinal)))
            .Select(f => $"{section}:{f}");
}
