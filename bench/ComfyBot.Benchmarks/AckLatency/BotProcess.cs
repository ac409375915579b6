using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord;
using ComfyBot.Simulator;
using ComfyBot.Testing;

namespace ComfyBot.Benchmarks.AckLatency;

/// <summary>
/// ComfyBot as a fresh process for the side-by-side harnesses: an appsettings.json in <c>folder</c> pointing it at the
/// harness's FakeDiscord and one simulator, then <c>comfybot run --config</c>.
/// </summary>
internal static class BotProcess
{
    /// <summary>
    /// The process to start. A <paramref name="bot"/> ending in .dll runs on the shared runtime (<c>dotnet ComfyBot.dll</c>);
    /// anything else is an executable, such as a Native AOT publish's ComfyBot. <paramref name="health"/>, when given,
    /// is where the bot serves /healthz.
    /// </summary>
    public static ProcessStartInfo Start(string bot, string instance, FakeDiscordServer fake, ComfySimulator simulator, string folder, Uri? health = null)
    {
        var comfyBot = new Dictionary<string, object>
        {
            ["Instance"] = instance,
            ["Discord"] = new Dictionary<string, object>
            {
                ["Token"] = fake.BotToken,
                ["ApiBaseUrl"] = fake.BaseAddress.ToString(),
                ["ApplicationId"] = fake.ApplicationId.ToString(CultureInfo.InvariantCulture),
            },
            ["Store"] = new Dictionary<string, object> { ["Path"] = Path.Combine(folder, "jobs.db") },
            ["Backends"] = new[] { new Dictionary<string, object> { ["Name"] = "gpu-1", ["Url"] = simulator.BaseAddress.ToString() } },
            ["Templates"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["Name"] = "txt2img",
                    ["File"] = RepositoryFixtures.FixturePath("comfy", "workflows", "txt2img.json"),
                    ["Description"] = "text to image",
                },
            },
            ["Logging"] = new Dictionary<string, object> { ["MinimumLevel"] = "Warning" },
        };
        if (health is not null)
        {
            comfyBot["Http"] = new Dictionary<string, object> { ["ListenUrls"] = health.ToString() };
        }

        var config = Path.Combine(folder, "appsettings.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, object> { ["ComfyBot"] = comfyBot }));
        return Run(bot, folder, config);
    }

    /// <summary>
    /// The process for <paramref name="settings"/> given as configuration keys (<c>ComfyBot:Backends:0:Url</c>, such as
    /// an in-process bed's configuration), written to an appsettings.json in <paramref name="folder"/>: the same bot
    /// the in-process harnesses build, in a process of its own.
    /// </summary>
    public static ProcessStartInfo FromSettings(string bot, IEnumerable<KeyValuePair<string, string?>> settings, string folder)
    {
        var root = new JsonObject();
        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                continue;
            }

            // Numbered keys become objects ("0", "1"): the configuration binder reads those as the list's items.
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            node[parts[^1]] = value;
        }

        var config = Path.Combine(folder, "appsettings.json");
        File.WriteAllText(config, root.ToJsonString());
        return Run(bot, folder, config);
    }

    private static ProcessStartInfo Run(string bot, string folder, string config)
    {
        var managed = bot.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(managed ? "dotnet" : bot) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        if (managed)
        {
            start.ArgumentList.Add(bot);
        }

        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        return start;
    }
}
