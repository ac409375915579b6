using System.Globalization;

namespace ComfyBot.Cli;

/// <summary>
/// A parsed command line: a verb, its positional arguments and its options. Options are declared per verb so
/// that a typo is refused with the list of what the verb accepts, rather than silently ignored.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> options;

    private CommandLine(string verb, IReadOnlyList<string> positionals, Dictionary<string, List<string>> options)
    {
        Verb = verb;
        Positionals = positionals;
        this.options = options;
    }

    public string Verb { get; }

    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Parses <paramref name="args"/> for the verb they name, whose options are in <paramref name="verbs"/>.</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="verbs">Each verb with its options; an option ending in "..." may repeat, one ending in "!" is a flag.</param>
    /// <param name="defaultVerb">The verb used when none is given.</param>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string[]> verbs, string defaultVerb)
    {
        var verb = args.Count > 0 && !args[0].StartsWith('-') ? args[0] : defaultVerb;
        if (!verbs.TryGetValue(verb, out var declared))
        {
            throw new UsageException($"Unknown command '{verb}'. Commands: {string.Join(", ", verbs.Keys)}. Run 'help' for usage.");
        }

        var positionals = new List<string>();
        var parsed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var start = args.Count > 0 && args[0] == verb ? 1 : 0;
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            var spec = declared.FirstOrDefault(d => d.TrimEnd('.', '!') == name)
                ?? throw new UsageException($"'{verb}' has no option '--{name}'. Its options: {Describe(declared)}.");
            if (spec.EndsWith('!'))
            {
                parsed[name] = ["true"];
                continue;
            }

            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"Option '--{name}' needs a value, e.g. '--{name} <value>'."));
            if (!parsed.TryGetValue(name, out var list))
            {
                parsed[name] = list = [];
            }
            else if (!spec.EndsWith("...", StringComparison.Ordinal))
            {
                throw new UsageException($"Option '--{name}' was given twice; give it once.");
            }

            list.Add(value);
        }

        return new CommandLine(verb, positionals, parsed);
    }

    /// <summary>The option's value, or null when it was not given.</summary>
    public string? Option(string name) => options.TryGetValue(name, out var values) ? values[^1] : null;

    /// <summary>Every value of a repeatable option.</summary>
    public IReadOnlyList<string> Options(string name) => options.TryGetValue(name, out var values) ? values : [];

    /// <summary>Whether a flag was given.</summary>
    public bool Flag(string name) => options.ContainsKey(name);

    /// <summary>The option as an unsigned integer, or null when absent; a bad value is a usage error.</summary>
    public ulong? UnsignedOption(string name)
    {
        var text = Option(name);
        if (text is null)
        {
            return null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"Option '--{name}' must be a whole number from 0 to {ulong.MaxValue}, not '{text}'.");
    }

    /// <summary>The option as an absolute http(s) URL, or null when absent; a bad value is a usage error.</summary>
    public Uri? UrlOption(string name)
    {
        var text = Option(name);
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"Option '--{name}' must be an http:// or https:// URL such as http://127.0.0.1:8188, not '{text}'.");
    }

    private static string Describe(string[] declared) =>
        declared.Length == 0 ? "none" : string.Join(", ", declared.Select(d => "--" + d.TrimEnd('!')));
}
