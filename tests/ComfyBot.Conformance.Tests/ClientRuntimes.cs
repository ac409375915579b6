using System.Diagnostics;
using System.Runtime.CompilerServices;
using ComfyBot.Testing;

namespace ComfyBot.Conformance.Tests;

/// <summary>
/// Where the reference clients live and whether they are installed. `.ci/run` installs both; on a machine with
/// only the .NET SDK the conformance tests skip, each saying what to install.
/// </summary>
internal static class ClientRuntimes
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> DiscordPyMissing = new(FindDiscordPy);
    private static readonly Lazy<string?> DiscordJsMissing = new(FindDiscordJs);

    /// <summary>tests/ComfyBot.Conformance.Tests/clients: the scripts, package.json and (after npm ci) node_modules.</summary>
    public static string ClientsDirectory => Path.Combine(RepositoryFixtures.RootDirectory, "tests", "ComfyBot.Conformance.Tests", "clients");

    /// <summary>Why discord.py cannot run here, or null when it can.</summary>
    public static string? WhyNoDiscordPy => DiscordPyMissing.Value;

    /// <summary>Why discord.js cannot run here, or null when it can.</summary>
    public static string? WhyNoDiscordJs => DiscordJsMissing.Value;

    private static string? FindDiscordPy()
    {
        if (!File.Exists(Python))
        {
            return $"discord.py is not installed: {Python} is missing (apt-get install python3-discord, as .ci/run does)";
        }

        var (exit, output) = Run(Python, "-c \"import discord; print(discord.__version__)\"");
        return exit == 0 ? null : $"discord.py is not installed for {Python} (apt-get install python3-discord, as .ci/run does): {output.Trim()}";
    }

    private static string? FindDiscordJs()
    {
        var (exit, _) = Run("node", "--version");
        if (exit != 0)
        {
            return "discord.js cannot run: node is not on PATH (install Node.js 18 or later)";
        }

        return File.Exists(Path.Combine(ClientsDirectory, "node_modules", "discord.js", "package.json"))
            ? null
            : $"discord.js is not installed: run `npm ci --prefix {Path.GetRelativePath(RepositoryFixtures.RootDirectory, ClientsDirectory)}`, as .ci/run does";
    }

    private static (int Exit, string Output) Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{file} {arguments} did not finish within 60 s");
            }

            return (process.ExitCode, output.Result + error.Result);
        }
        catch (System.ComponentModel.Win32Exception notFound)
        {
            return (-1, notFound.Message);
        }
    }
}

/// <summary>
/// A fact that runs only where its client is installed. Elsewhere it is skipped, and the reason is also put in
/// its display name: `dotnet test` at its default verbosity prints a skipped test's name but not its reason.
/// </summary>
public abstract class ClientFactAttribute : FactAttribute
{
    protected ClientFactAttribute(string? whyNot, string test)
    {
        if (whyNot is not null)
        {
            Skip = whyNot;
            DisplayName = $"{test} (skipped: {whyNot})";
        }
    }
}

/// <summary>A fact that runs only where discord.py is installed.</summary>
public sealed class DiscordPyFactAttribute([CallerMemberName] string test = "") : ClientFactAttribute(ClientRuntimes.WhyNoDiscordPy, test);

/// <summary>A fact that runs only where discord.js is installed.</summary>
public sealed class DiscordJsFactAttribute([CallerMemberName] string test = "") : ClientFactAttribute(ClientRuntimes.WhyNoDiscordJs, test);
