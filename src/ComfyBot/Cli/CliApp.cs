using ComfyBot.Logging;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Templates;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Cli;

/// <summary>The command-line verbs: each parses its options, runs, and returns a meaningful exit code.</summary>
internal sealed class CliApp(TextWriter output, TextWriter errors, TimeProvider time)
{
    private static readonly Dictionary<string, string[]> Verbs = new(StringComparer.Ordinal)
    {
        ["generate"] = ["seed", "workflow", "param...", "comfy", "out"],
        ["demo"] = ["seed", "out"],
        ["check-workflow"] = ["comfy", "bind..."],
        ["run"] = ["config"],
        ["check-config"] = ["config"],
        ["register-commands"] = ["config", "guild..."],
        ["health"] = ["url"],
        ["help"] = [],
    };

    public const string Usage = """
        Usage:
          comfybot [run] [--config appsettings.json]
              Runs the Discord bot (the default when no command is given): configuration from ./appsettings.json
              (or --config), user secrets and environment variables (ComfyBot__Discord__Token, ...); stops on Ctrl+C.
          comfybot check-config [--config appsettings.json]
              Checks everything run needs, listing every problem at once: the options, the template files, each
              template against every backend's /object_info and models, and the token (GET /users/@me).
          comfybot register-commands [--guild id]... [--config appsettings.json]
              Makes Discord's slash commands match this version, in the given guilds (else ComfyBot:Discord:GuildIds,
              else globally), and prints what was created, updated or deleted.
          comfybot health [--url http://127.0.0.1:8080/healthz]
              Prints a running bot's health; exits 0 when it answers 200, 1 otherwise (Docker's HEALTHCHECK).
          comfybot generate ["<prompt>"] [--seed N] [--workflow file.json] [--param key=value]... [--comfy URL] [--out dir]
              Runs a workflow on a ComfyUI server (default http://127.0.0.1:8188) with a live progress display,
              saves the images (default ./comfybot-output) and prints their paths. The prompt is left out for a
              workflow that binds none.
          comfybot demo ["<prompt>"] [--seed N] [--out dir]
              The same on an embedded ComfyUI simulator: no GPU, no token, nothing to install.
          comfybot check-workflow file.json [--comfy URL] [--bind param=node.inputs.name]...
              Prints the parameters the workflow binds and, with --comfy, every problem the server would have with it.
          comfybot help
              This text (also --help).

        Parameters for --param: prompt, negative, seed, width, height, batch, steps, cfg, sampler, scheduler,
        checkpoint, denoise, image (a local file is uploaded first).
        Exit codes: 0 done, 1 a node failed (health: unhealthy), 2 bad command line, 3 workflow refused,
        4 ComfyUI (or Discord) unreachable, 5 interrupted, 6 lost by the server, 7 bad configuration, 8 finished
        without an image, 130 cancelled.
        """;

    public async Task<ExitCode> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            if (args is ["--help" or "-h" or "-?" or "/?", ..])
            {
                return Help();
            }

            var line = CommandLine.Parse(args, Verbs, defaultVerb: "run");
            return line.Verb switch
            {
                "generate" => await GenerateAsync(line, cancellationToken),
                "demo" => await DemoAsync(line, cancellationToken),
                "check-workflow" => await CheckWorkflowAsync(line, cancellationToken),
                "run" => await new RunCommand(output, errors).RunAsync(line, cancellationToken),
                "check-config" => await new CheckConfigCommand(output, errors, time).RunAsync(line, cancellationToken),
                "register-commands" => await new RegisterCommandsCommand(output, errors, time).RunAsync(line, cancellationToken),
                "health" => await new HealthCommand(output, errors).RunAsync(line, cancellationToken),
                _ => Help(),
            };
        }
        catch (UsageException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return ExitCode.Usage;
        }
        catch (WorkflowTemplateException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return ExitCode.InvalidWorkflow;
        }
        catch (ComfyUnavailableException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return ExitCode.BackendUnreachable;
        }
        catch (HttpRequestException e)
        {
            errors.WriteLine($"error: could not reach ComfyUI: {e.Message}. Is it running, and is --comfy right?");
            return ExitCode.BackendUnreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.WriteLine("Cancelled.");
            return ExitCode.Cancelled;
        }
    }

    /// <summary>Reads the prompt, seed and --param values into template parameters.</summary>
    internal static WorkflowParameters ReadParameters(CommandLine line, string? prompt)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var param in line.Options("param"))
        {
            var eq = param.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--param '{param}' must look like key=value, e.g. --param steps=20.");
            }

            pairs.Add(new(param[..eq].Trim(), param[(eq + 1)..]));
        }

        WorkflowParameters parameters;
        try
        {
            parameters = WorkflowParameters.Parse(pairs);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        if (prompt is not null)
        {
            parameters = parameters with { Prompt = prompt };
        }

        return line.UnsignedOption("seed") is { } seed ? parameters with { Seed = seed } : parameters;
    }

    /// <param name="scrubber">Secrets to keep out of the console log (a backend may echo its Authorization header).</param>
    internal static ILoggerFactory CreateLogging(LogScrubber? scrubber = null) =>
        LoggerFactory.Create(logging =>
        {
            logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddSimpleConsole(console => console.SingleLine = true)
                .AddFilter("Microsoft", LogLevel.Warning);
            if (scrubber is not null)
            {
                logging.Services.ScrubLogProviders(scrubber);
            }
        });

    private async Task<ExitCode> GenerateAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var prompt = line.Positionals.Count switch
        {
            1 => line.Positionals[0],
            0 => null,
            _ => throw new UsageException($"generate takes one prompt; quote it if it has spaces (got {line.Positionals.Count} words)."),
        };
        var template = line.Option("workflow") is { } path
            ? await LoadTemplateAsync(path, null, cancellationToken)
            : DefaultWorkflow.Load();
        var takesPrompt = template.Accepts(WorkflowParameter.Prompt);
        if (prompt is null && takesPrompt)
        {
            throw new UsageException("generate needs a prompt: comfybot generate \"a lighthouse at dusk\".");
        }

        if (prompt is not null && !takesPrompt)
        {
            // Never run a workflow that would silently ignore the words given to it.
            throw new UsageException(
                $"'{template.Name}' takes no prompt: nothing in it is bound to 'prompt', so \"{prompt}\" would be ignored. "
                + "Run it without a prompt, or bind one: put \"{{prompt}}\" in the text input of its prompt node, or add \"prompt\": [\"<node id>.inputs.text\"] to its bindings.");
        }
        var server = line.UrlOption("comfy") ?? new Uri("http://127.0.0.1:8188");
        var request = new GenerateRequest(template, ReadParameters(line, prompt), line.Option("out") ?? "comfybot-output");

        using var logging = CreateLogging();
        await using var comfy = new ComfyConnection(server, logging, time);
        var reply = new ReplyPrinter(output, redrawInPlace: !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out));
        return await new GenerateJob(comfy, reply, output, errors, time).RunAsync(request, cancellationToken);
    }

    private async Task<ExitCode> CheckWorkflowAsync(CommandLine line, CancellationToken cancellationToken)
    {
        if (line.Positionals.Count != 1)
        {
            throw new UsageException("check-workflow needs one workflow file: comfybot check-workflow my_workflow_api.json.");
        }

        var bindings = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var bind in line.Options("bind"))
        {
            var eq = bind.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--bind '{bind}' must look like param=node.inputs.name, e.g. --bind seed=3.inputs.seed.");
            }

            var name = bind[..eq];
            bindings[name] = [.. bindings.GetValueOrDefault(name, []), bind[(eq + 1)..]];
        }

        // Loaded despite bad nodes, links or bindings (those are left out), so the rest is still checked and listed with them.
        var template = await LoadTemplateAsync(line.Positionals[0], bindings.Count > 0 ? bindings : null, cancellationToken, collectProblems: true);
        output.WriteLine($"{template.Name}: {template.NodeCount} nodes");
        output.WriteLine(template.Bindings.Count == 0 ? "Binds no parameters." : "Parameters it binds:");
        foreach (var binding in template.Bindings)
        {
            output.WriteLine($"  {binding.Name}{(binding.IsRequired ? " (required)" : string.Empty)}");
            foreach (var input in binding.Inputs)
            {
                output.WriteLine($"    {input}");
            }
        }

        // Every problem at once: the values the template would drop need no server; the rest are the server's.
        var problems = new List<string>(template.LoadProblems);
        problems.AddRange(template.CheckBindings().Select(p => p.ToString()));
        var server = line.UrlOption("comfy");
        if (server is not null)
        {
            using var logging = CreateLogging();
            await using var comfy = new ComfyConnection(server, logging, time);
            var catalog = await comfy.Client.GetObjectInfoAsync(cancellationToken);
            problems.AddRange(template.Validate(catalog).Select(p => p.ToString()));
            problems.AddRange(template.CheckInputFiles(catalog).Select(p => p.ToString()));
        }

        if (problems.Count == 0)
        {
            output.WriteLine(server is null
                ? "Add --comfy URL to check it against a running ComfyUI (classes, inputs, models, ranges, input files)."
                : $"No problems: {server} can run it.");
            return ExitCode.Success;
        }

        output.WriteLine(server is null ? $"{problems.Count} problem(s):" : $"{problems.Count} problem(s) on {server}:");
        foreach (var problem in problems)
        {
            output.WriteLine($"  - {problem}");
        }

        return ExitCode.InvalidWorkflow;
    }

    private static async Task<WorkflowTemplate> LoadTemplateAsync(
        string path, IReadOnlyDictionary<string, IReadOnlyList<string>>? bindings, CancellationToken cancellationToken, bool collectProblems = false)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"Workflow file '{path}' does not exist. Export one from ComfyUI with Workflow > Export (API).");
        }

        return await WorkflowTemplate.LoadAsync(path, new WorkflowTemplateOptions { Bindings = bindings, CollectProblems = collectProblems }, cancellationToken);
    }

#if STANDINS
    private Task<ExitCode> DemoAsync(CommandLine line, CancellationToken cancellationToken) =>
        new DemoCommand(output, errors, time).RunAsync(line, cancellationToken);
#else
    private Task<ExitCode> DemoAsync(CommandLine line, CancellationToken cancellationToken)
    {
        _ = (line, cancellationToken);
        errors.WriteLine(
            "error: this build leaves out the stand-ins the demo runs on (published with -p:StandIns=false, as the Docker image is). " +
            "Run the demo from a clone: dotnet run --project src/ComfyBot -- demo");
        return Task.FromResult(ExitCode.Usage);
    }
#endif

    private ExitCode Help()
    {
        output.WriteLine(Usage);
        return ExitCode.Success;
    }
}
