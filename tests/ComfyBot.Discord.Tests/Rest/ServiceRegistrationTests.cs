using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void AddDiscordRest_ResolvesOneClient_AsGatewaySource_AndTheRegistrar()
    {
        var services = new ServiceCollection().AddLogging().AddDiscordRest(o => o.Token = "abc");
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<DiscordRestClient>();

        Assert.Same(client, provider.GetRequiredService<IGatewayBotSource>());
        Assert.NotNull(provider.GetRequiredService<CommandRegistrar>());
    }

    [Fact]
    public void AddDiscordRest_WithoutToken_FailsValidation_NamingTheKey()
    {
        var services = new ServiceCollection().AddLogging().AddDiscordRest();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiscordRestOptions>>().Value);

        Assert.Contains("Token is empty", error.Message, StringComparison.Ordinal);
    }
}
