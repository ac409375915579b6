using System.CommandLine;
using System.CommandLine.Invocation;
using ComfyBot.Logging;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Templates;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Cli;

/// <summary>The command-line verbs: each parses its options, runs, and returns a meaningful exit code.</summary>
internal sealed class CliApp(TextWriter output, TextWriter errors, TimeProvider time)
{
    public async Task<ExitCode> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var parsed = CliVerbs.Build(RunVerbAsync).Parse(args);
            var invocation = new InvocationConfiguration { Output = output, Error = errors, EnableDefaultExceptionHandler = false };
            if (parsed.Action is ParseErrorAction)
            {
                return Refuse(parsed);
            }

            return (ExitCode)await parsed.InvokeAsync(invocation, cancellationToken);
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
        await using var comfy = new ComfyConnection(server, new ComfyClientFactory(time, logging));
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
            await using var comfy = new ComfyConnection(server, new ComfyClientFactory(time, logging));
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

    private async Task<ExitCode> RunVerbAsync(string verb, CommandLine line, CancellationToken cancellationToken) => verb switch
    {
        "generate" => await GenerateAsync(line, cancellationToken),
        "demo" => await DemoAsync(line, cancellationToken),
        "check-workflow" => await CheckWorkflowAsync(line, cancellationToken),
        "check-config" => await new CheckConfigCommand(output, errors, time).RunAsync(line, cancellationToken),
        "register-commands" => await new RegisterCommandsCommand(output, errors, time).RunAsync(line, cancellationToken),
        "health" => await new HealthCommand(output, errors).RunAsync(line, cancellationToken),
        _ => await new RunCommand(output, errors).RunAsync(line, cancellationToken),
    };

    /// <summary>Each parse error as "error: …", then where the verb's options (or the commands) are listed; exit 2.</summary>
    private ExitCode Refuse(ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
        {
            errors.WriteLine($"error: {error.Message}");
        }

        var verb = parsed.CommandResult.Command;
        errors.WriteLine(verb.Parents.Any()
            ? $"Run 'comfybot {verb.Name} --help' for its options."
            : $"Commands: {string.Join(", ", verb.Subcommands.Select(c => c.Name))}. Run 'comfybot --help' for what each does.");
        return ExitCode.Usage;
    }
}
