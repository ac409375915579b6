using ComfyBot.Hosting;

namespace ComfyBot.Tests.Hosting;

public sealed class HttpSettingsTests
{
    [Fact]
    public void EffectiveUrls_Unset_IsNoHostInGatewayModeAndPort8080InHttpMode()
    {
        var settings = new HttpSettings();

        Assert.Null(settings.EffectiveUrls(DiscordMode.Gateway));
        Assert.Equal("http://0.0.0.0:8080", settings.EffectiveUrls(DiscordMode.Http));
    }

    [Fact]
    public void EffectiveUrls_Set_IsUsedInBothModes()
    {
        var settings = new HttpSettings { ListenUrls = "http://+:9090" };

        Assert.Equal("http://+:9090", settings.EffectiveUrls(DiscordMode.Gateway));
        Assert.Equal("http://+:9090", settings.EffectiveUrls(DiscordMode.Http));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://*:8080; https://localhost:8443")]
    public void Validate_GoodUrls_HasNoProblem(string urls)
    {
        Assert.Empty(new HttpSettings { ListenUrls = urls }.Validate());
    }

    [Fact]
    public void Validate_BadUrl_NamesTheKeyAndTheFix()
    {
        var error = Assert.Single(new HttpSettings { ListenUrls = "http://0.0.0.0:8080;8081" }.Validate());

        Assert.StartsWith("ComfyBot:Http:ListenUrls has '8081'", error, StringComparison.Ordinal);
        Assert.Contains("such as http://0.0.0.0:8080", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadLogFormat_NamesTheKey()
    {
        var error = Assert.Single(new LoggingSettings { Format = (LogFormat)7 }.Validate());

        Assert.StartsWith("ComfyBot:Logging:Format", error, StringComparison.Ordinal);
    }
}
