using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ComfyBot.Cli;

/// <summary>
/// The verbs and their options, as System.CommandLine declares them: it parses, refuses what a verb does not take
/// (with typo corrections), and writes each verb's <c>--help</c> and the program's <c>--version</c>. What a value
/// means is left to the verbs, which read it through <see cref="CommandLine"/>.
/// </summary>
internal static class CliVerbs
{
    private const string ProgramDescription = """
        ComfyBot: a Discord frontend for a shared ComfyUI GPU. With no command it runs the bot.
        Exit codes: 0 done, 1 a node failed (health: unhealthy), 2 bad command line, 3 workflow refused,
        4 ComfyUI (or Discord) unreachable, 5 interrupted, 6 lost by the server, 7 bad configuration,
        8 finished without an image, 130 cancelled.
        """;

    /// <summary>The default verb, run when only options (or nothing) are given.</summary>
    public const string Run = "run";

    /// <summary>The whole command line; <paramref name="handle"/> runs the verb it is given with what was parsed.</summary>
    public static Command Build(Func<string, CommandLine, CancellationToken, Task<ExitCode>> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var config = ConfigOption();
        var root = new Command("comfybot", ProgramDescription)
        {
            new HelpOption(),
            new VersionOption(),
            config,
        };
        Bind(root, Run, null, handle);

        root.Add(Verb(Run, "Runs the Discord bot (the default when no command is given): configuration from ./appsettings.json (or --config), user secrets and environment variables (ComfyBot__Discord__Token, ...); stops on Ctrl+C.", null, handle, ConfigOption()));
        root.Add(Verb("check-config", "Checks everything run needs, listing every problem at once: the options, the template files, each template against every backend's /object_info and models, and the token (GET /users/@me).", null, handle, ConfigOption()));
        root.Add(Verb("register-commands", "Makes Discord's slash commands match this version, in the given guilds (else ComfyBot:Discord:GuildIds, else globally), and prints what was created, updated or deleted.", null, handle,
            Repeatable("--guild", "id", "A server (guild) id to register in; repeat for several."), ConfigOption()));
        root.Add(Verb("health", "Prints a running bot's health; exits 0 when it answers 200, 1 otherwise (Docker's HEALTHCHECK).", null, handle,
            UrlOption("--url", "The health endpoint (default http://127.0.0.1:8080/healthz).")));
        root.Add(Verb("generate", "Runs a workflow on a ComfyUI server with a live progress display, saves the images and prints their paths. Parameters for --param: prompt, negative, seed, width, height, batch, steps, cfg, sampler, scheduler, checkpoint, denoise, image (a local file is uploaded first).",
            Words("prompt", "The prompt, quoted; left out for a workflow that binds none."), handle,
            SeedOption(),
            Single("--workflow", "file", "A workflow exported from ComfyUI in API format (default: the built-in txt2img)."),
            Repeatable("--param", "key=value", "A parameter of the workflow, e.g. steps=20; repeat for several."),
            UrlOption("--comfy", "The ComfyUI server (default http://127.0.0.1:8188)."),
            Single("--out", "dir", "Where the images are saved (default ./comfybot-output).")));
        root.Add(Verb("demo", "The whole bot on an embedded ComfyUI simulator and FakeDiscord: no GPU, no token, nothing to install.",
            Words("prompt", "The prompt, quoted (default: a lighthouse)."), handle,
            SeedOption(),
            Single("--out", "dir", "Where the images are saved (default ./comfybot-output).")));
        root.Add(Verb("check-workflow", "Prints the parameters a workflow binds and, with --comfy, every problem the server would have with it.",
            Words("file", "The workflow file (API format)."), handle,
            UrlOption("--comfy", "A ComfyUI server to check it against (classes, inputs, models, ranges, input files)."),
            Repeatable("--bind", "param=node.inputs.name", "Binds a parameter to a node's input; repeat for several.")));

        var help = new Command("help", "Prints this help (also --help; 'comfybot <command> --help' for one command).");
        help.SetAction(result => root.Parse(["--help"]).Invoke(result.InvocationConfiguration));
        root.Add(help);
        return root;
    }

    private static Command Verb(string name, string description, Argument<string[]>? words, Func<string, CommandLine, CancellationToken, Task<ExitCode>> handle, params Option[] options)
    {
        var verb = new Command(name, description);
        if (words is not null)
        {
            verb.Add(words);
        }

        foreach (var option in options)
        {
            verb.Add(option);
        }

        Bind(verb, name, words, handle);
        return verb;
    }

    private static void Bind(Command command, string verb, Argument<string[]>? words, Func<string, CommandLine, CancellationToken, Task<ExitCode>> handle) =>
        command.SetAction(async (result, cancellationToken) => (int)await handle(verb, new CommandLine(result, words), cancellationToken));

    // Any number of words, so that the verb can say "quote it" when a prompt was given unquoted. Such an argument
    // also takes a mistyped option as a word, which would then run as a prompt: those are refused here.
    private static Argument<string[]> Words(string name, string description)
    {
        var words = new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.ZeroOrMore };
        words.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2))
            {
                var verb = ((CommandResult)result.Parent!).Command;
                var options = verb.Options.Where(o => o is not HelpOption).Select(o => o.Name);
                result.AddError($"'{verb.Name}' has no option '{token.Value}'. Its options: {string.Join(", ", options)}.");
            }
        });
        return words;
    }

    private static Option<string> ConfigOption() => Single("--config", "file", "The settings file (default ./appsettings.json).");

    private static Option<string> Single(string name, string value, string description) =>
        new(name) { Description = description, HelpName = value };

    private static Option<string[]> Repeatable(string name, string value, string description) =>
        new(name) { Description = description, HelpName = value, Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    private static Option<ulong?> SeedOption() => new("--seed")
    {
        Description = "The seed (a whole number); random when left out.",
        HelpName = "N",
        CustomParser = Seed,
    };

    private static Option<Uri?> UrlOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "URL",
        CustomParser = result => Url(result, name),
    };

    private static ulong? Seed(ArgumentResult result)
    {
        var text = result.Tokens[^1].Value;
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            return seed;
        }

        result.AddError($"Option '--seed' must be a whole number from 0 to {ulong.MaxValue}, not '{text}'.");
        return null;
    }

    private static Uri? Url(ArgumentResult result, string name)
    {
        var text = result.Tokens[^1].Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"Option '{name}' must be an http:// or https:// URL such as http://127.0.0.1:8188, not '{text}'.");
        return null;
    }
}
