using Microsoft.Extensions.Configuration;

namespace ComfyBot.Cli;

/// <summary>
/// The configuration the bot verbs (run, check-config, register-commands) read, in rising precedence:
/// ./appsettings.json or --config, user secrets, then environment variables such as <c>ComfyBot__Discord__Token</c>.
/// </summary>
internal static class BotSettingsFile
{
    /// <summary>The file read when --config is not given; it may be absent (environment variables alone suffice).</summary>
    public const string DefaultFile = "appsettings.json";

    /// <summary>
    /// A note naming the file that was looked for, when --config was not given and ./appsettings.json is absent: the
    /// settings then come from environment variables and user secrets alone, and an operator who meant a file should
    /// see where it was expected. Null when a file was read.
    /// </summary>
    public static string? MissingDefault(string? file) =>
        file is null && !File.Exists(DefaultFile)
            ? $"No settings file: looked for {Path.GetFullPath(DefaultFile)} (no --config given), so the settings come from environment variables and user secrets only. Put appsettings.json there, or pass --config <path>."
            : null;

    /// <summary>Builds the configuration.</summary>
    /// <param name="file">The --config value, or null for ./appsettings.json.</param>
    /// <exception cref="UsageException">--config names a file that does not exist.</exception>
    public static IConfigurationRoot Load(string? file)
    {
        if (file is not null && !File.Exists(file))
        {
            throw new UsageException($"--config '{file}' does not exist; give the path of an appsettings.json.");
        }

        return new ConfigurationBuilder()
            .AddJsonFile(Path.GetFullPath(file ?? DefaultFile), optional: file is null)
            .AddUserSecrets(typeof(BotSettingsFile).Assembly, optional: true)
            .AddEnvironmentVariables()
            .Build();
    }
}
