using ComfyBot.Discord.Gateway;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class GatewayCloseClassificationTests
{
    [Theory]
    [InlineData(4000)]
    [InlineData(4001)]
    [InlineData(4002)]
    [InlineData(4005)]
    [InlineData(4008)]
    [InlineData(1006)]
    [InlineData(1011)]
    [InlineData(null)]
    public void Classify_TransientCodes_Resume(int? code) =>
        Assert.Equal(GatewayCloseAction.Resume, GatewayCloseClassification.Classify(code).Action);

    [Theory]
    [InlineData(4003)]
    [InlineData(4007)]
    [InlineData(4009)]
    [InlineData(1000)]
    [InlineData(1001)]
    public void Classify_SessionEndingCodes_Reidentify(int code) =>
        Assert.Equal(GatewayCloseAction.Reidentify, GatewayCloseClassification.Classify(code).Action);

    [Theory]
    [InlineData(4004, "token")]
    [InlineData(4010, "shard")]
    [InlineData(4011, "shard")]
    [InlineData(4012, "v=10")]
    [InlineData(4013, "intents")]
    [InlineData(4014, "privileged intent")]
    public void Classify_ConfigurationCodes_FatalWithCodeAndFix(int code, string fix)
    {
        var classification = GatewayCloseClassification.Classify(code);

        Assert.Equal(GatewayCloseAction.Fatal, classification.Action);
        Assert.StartsWith(code.ToString(System.Globalization.CultureInfo.InvariantCulture), classification.Description, StringComparison.Ordinal);
        Assert.Contains(fix, classification.Description, StringComparison.OrdinalIgnoreCase);
    }
}
