using ComfyBot.Hosting;

namespace ComfyBot.Tests.Hosting;

public sealed class HttpSettingsTests
{
    [Fact]
    public void Unset_IsNoHostInGatewayMode()
    {
        var settings = new HttpSettings();

        Assert.Null(settings.EffectiveUrls());
        Assert.Empty(settings.Validate(DiscordMode.Gateway));
    }

    [Fact]
    public void Unset_InHttpMode_IsAProblem_NotASilentPort8080()
    {
        var error = Assert.Single(new HttpSettings().Validate(DiscordMode.Http));

        Assert.StartsWith("ComfyBot:Http:ListenUrls is not set, but ComfyBot:Discord:Mode is Http", error, StringComparison.Ordinal);
        Assert.Contains("such as http://0.0.0.0:8080", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_IsUsedInBothModes()
    {
        var settings = new HttpSettings { ListenUrls = "http://+:9090" };

        Assert.Equal("http://+:9090", settings.EffectiveUrls());
        Assert.Empty(settings.Validate(DiscordMode.Http));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://*:8080; https://localhost:8443")]
    public void Validate_GoodUrls_HasNoProblem(string urls)
    {
        Assert.Empty(new HttpSettings { ListenUrls = urls }.Validate(DiscordMode.Gateway));
    }

    [Fact]
    public void Validate_BadUrl_NamesTheKeyAndTheFix()
    {
        var error = Assert.Single(new HttpSettings { ListenUrls = "http://0.0.0.0:8080;8081" }.Validate(DiscordMode.Gateway));

        Assert.StartsWith("ComfyBot:Http:ListenUrls has '8081'", error, StringComparison.Ordinal);
        Assert.Contains("such as http://0.0.0.0:8080", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicKeyOf64HexDigitsOffTheCurve_IsAProblem_BeforeTheFirstRequestCrashes()
    {
        // 0x02 repeated is 64 hex digits but no point of Ed25519 (its x^2 has no square root mod 2^255-19).
        var settings = new DiscordSettings { Token = "a.b.c", Mode = DiscordMode.Http, PublicKey = string.Concat(Enumerable.Repeat("02", 32)) };

        var error = Assert.Single(settings.Validate());

        Assert.StartsWith("ComfyBot:Discord:PublicKey is 64 hex digits but not an Ed25519 public key", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadLogFormat_NamesTheKey()
    {
        var error = Assert.Single(new LoggingSettings { Format = (LogFormat)7 }.Validate());

        Assert.StartsWith("ComfyBot:Logging:Format", error, StringComparison.Ordinal);
    }
}
