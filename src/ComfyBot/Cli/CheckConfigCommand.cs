using System.Net;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Nodes;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Rest;
using ComfyBot.Hosting;
using ComfyBot.Logging;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Cli;

/// <summary>
/// <c>check-config</c>: everything <c>run</c> would trip over, found at once before the bot starts: the options
/// (each problem with its key and fix), the template files, each template against every backend's /object_info
/// and model lists, and the token (GET /users/@me). Never prints the token.
/// </summary>
internal sealed class CheckConfigCommand(TextWriter output, TextWriter errors, TimeProvider time)
{
    private readonly List<string> problems = [];

    // Server answers are quoted in what this prints, and a backend (or a proxy in front of it) may echo the request's
    // Authorization header back: every line goes through the configured secrets first.
    private LogScrubber scrubber = LogScrubber.PatternsOnly;

    public async Task<ExitCode> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var configuration = BotSettingsFile.Load(line.Option("config"));
        if (BotSettingsFile.MissingDefault(line.Option("config")) is { } missing)
        {
            output.WriteLine(missing);
        }

        var configurationProblems = BotOptionsValidator.Check(configuration, out var checkedOptions);
        if (checkedOptions is not { } options)
        {
            Report("Configuration", configurationProblems);

            // The bound options are not what the file says: checking templates and backends from them would mislead.
            output.WriteLine("The other settings, templates, backends and the token are checked once those values are fixed.");
            return Summary();
        }

        scrubber = BotHost.Scrubber(options);
        Report("Configuration", configurationProblems);
        var catalog = await LoadTemplatesAsync(options, cancellationToken);
        using var logging = CliApp.CreateLogging(scrubber);
        await CheckBackendsAsync(options, catalog, logging, cancellationToken);
        await CheckTokenAsync(configuration, options.Discord, logging, cancellationToken);
        return Summary();
    }

    private async Task<WorkflowCatalog?> LoadTemplatesAsync(BotOptions options, CancellationToken cancellationToken)
    {
        try
        {
            // Bad bindings are listed with their keys, and the template is still checked against each backend without them.
            var loadProblems = new List<string>();
            var catalog = await TemplateLoader.LoadAsync(options.Templates, loadProblems, cancellationToken);
            output.WriteLine($"Templates: {string.Join(", ", catalog.All.Select(Describe))}");
            if (loadProblems.Count > 0)
            {
                Report("Templates", loadProblems);
            }

            foreach (var definition in catalog.All)
            {
                // A value /imagine takes but the template would drop (its prompt comes through a node auto-detection cannot follow).
                if (definition.Template.CheckBindings() is { Count: > 0 } unbound)
                {
                    Report($"Template {definition.Name}", [.. unbound.Select(p => p.ToString())]);
                }
            }

            return catalog;
        }
        catch (BotConfigurationException e)
        {
            Report("Templates", e.Problems);
            return null;
        }
    }

    private async Task CheckBackendsAsync(BotOptions options, WorkflowCatalog? catalog, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        // Per template: the backends that can run it. The bot sends a template only where it runs, so one failing on some
        // backends is a note; one that runs on none of the reachable backends is a problem.
        var runnable = catalog?.All.ToDictionary(d => d.Name, _ => new List<string>(), StringComparer.Ordinal);
        var reachable = 0;
        foreach (var backend in options.Backends.Where(b => b.Url is { IsAbsoluteUri: true }))
        {
            var label = $"Backend {backend.Name} ({backend.Url})";
            var server = await ReadServerAsync(backend, logging, cancellationToken);
            if (server.Error is { } error)
            {
                Report(label, [$"not reachable: {error.TrimEnd('.')}. Start ComfyUI there (with --listen if the bot runs elsewhere) or fix ComfyBot:Backends Url."]);
                continue;
            }

            reachable++;
            output.WriteLine($"{label}: up, {server.Nodes!.Count} node classes, {server.Models.Values.Sum(m => m.Count)} model files");
            foreach (var definition in catalog?.All ?? [])
            {
                IReadOnlyList<WorkflowProblem> found = [.. definition.Template.Validate(server.Nodes, server.Models), .. definition.Template.CheckInputFiles(server.Nodes)];
                if (found.Count == 0)
                {
                    runnable![definition.Name].Add(backend.Name);
                    output.WriteLine($"  {definition.Name}: runs here");
                    continue;
                }

                output.WriteLine($"  {definition.Name}: cannot run here ({found.Count} problem(s)):");
                foreach (var problem in found)
                {
                    output.WriteLine($"    - {scrubber.Scrub(problem.ToString())}");
                }
            }
        }

        if (runnable is null || reachable == 0)
        {
            return;
        }

        foreach (var name in runnable.Where(r => r.Value.Count == 0).Select(r => r.Key))
        {
            Report($"Template {name}", ["runs on none of the reachable backends (see above); install what it needs there or fix its workflow file."]);
        }
    }

    private async Task<ServerInfo> ReadServerAsync(BackendOptions backend, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        // Made as the bot makes its backends' clients (the same headers), but with one attempt each: an operator at
        // the terminal wants the verdict, not a retry schedule.
        var clients = new ComfyClientFactory(time, logging);
        using var http = clients.CreateConnection(backend.Url!, backend.Headers); // only backends with an absolute Url are read
        var client = clients.CreateClient(http, new ComfyClientOptions { MaxRetries = 0 });
        try
        {
            var nodes = await client.GetObjectInfoAsync(cancellationToken);
            var models = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var folder in new BackendMonitorOptions().ModelFolders)
            {
                try
                {
                    models[folder] = await client.GetModelsAsync(folder, cancellationToken);
                }
                catch (ComfyHttpException e) when (e.StatusCode == HttpStatusCode.NotFound)
                {
                    // Older servers or a folder it lacks: templates are judged by the catalogue's choices alone, as the bot does.
                }
            }

            return new ServerInfo(nodes, models, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new ServerInfo(null, new Dictionary<string, IReadOnlyList<string>>(), e.Message);
        }
    }

    private async Task CheckTokenAsync(Microsoft.Extensions.Configuration.IConfiguration configuration, DiscordSettings discord, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(discord.Token) || discord.Token.Any(char.IsWhiteSpace) || discord.Token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            output.WriteLine("Discord token: not tested (see the configuration problems above).");
            return;
        }

        using var session = new DiscordSession(configuration, discord, logging, time);
        try
        {
            var user = await session.Rest.GetCurrentUserAsync(cancellationToken);
            output.WriteLine($"Discord token: works; the bot is {user.Username} ({user.Id}).");
        }
        catch (DiscordRestException e)
        {
            Report("Discord token", [DiscordSession.Explain(e)]);
        }
        catch (HttpRequestException e)
        {
            Report("Discord token", [$"not tested: could not reach Discord ({e.Message}); check the network or ComfyBot:Discord:ApiBaseUrl."]);
        }
    }

    private void Report(string what, IReadOnlyList<string> found)
    {
        if (found.Count == 0)
        {
            output.WriteLine($"{what}: ok");
            return;
        }

        output.WriteLine($"{what}: {found.Count} problem(s)");
        var scrubbed = found.Select(scrubber.Scrub).ToList();
        foreach (var problem in scrubbed)
        {
            output.WriteLine($"  - {problem}");
        }

        problems.AddRange(scrubbed);
    }

    private ExitCode Summary()
    {
        if (problems.Count == 0)
        {
            output.WriteLine("check-config: no problems; 'run' should start cleanly.");
            return ExitCode.Success;
        }

        errors.WriteLine($"check-config: {problems.Count} problem(s); fix them and run check-config again.");
        return ExitCode.InvalidConfiguration;
    }

    private static string Describe(WorkflowDefinition definition) =>
        definition.Template.Bindings.Count == 0
            ? definition.Name
            : $"{definition.Name} ({string.Join(", ", definition.Template.Bindings.Select(b => b.Name))})";

    private sealed record ServerInfo(NodeCatalog? Nodes, IReadOnlyDictionary<string, IReadOnlyList<string>> Models, string? Error);
}
