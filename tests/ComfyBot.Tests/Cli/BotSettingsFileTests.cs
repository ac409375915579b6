using ComfyBot.Cli;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace ComfyBot.Tests.Cli;

public sealed class BotSettingsFileTests
{
    [Fact]
    public void Sources_AreTheFileThenUserSecretsThenTheEnvironment_EachOverridingTheOneBefore()
    {
        var file = Path.Combine(Path.GetTempPath(), "comfybot-settings-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, "{}");
        try
        {
            var providers = BotSettingsFile.Load(file).Providers.ToList();

            Assert.Equal(3, providers.Count);
            Assert.Equal(Path.GetFileName(file), Assert.IsType<JsonConfigurationProvider>(providers[0]).Source.Path);
            Assert.Equal("secrets.json", Assert.IsType<JsonConfigurationProvider>(providers[1]).Source.Path);
            Assert.IsType<EnvironmentVariablesConfigurationProvider>(providers[2]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
