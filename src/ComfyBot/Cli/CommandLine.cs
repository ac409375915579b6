using System.CommandLine;

namespace ComfyBot.Cli;

/// <summary>
/// What System.CommandLine parsed for one verb (see <see cref="CliVerbs"/>), read by option name: the verbs ask for
/// their values without knowing how they were declared, and every value here has passed its option's parser.
/// </summary>
internal sealed class CommandLine(ParseResult parsed, Argument<string[]>? words)
{
    /// <summary>The words given after the verb (a prompt, a file); empty for verbs that take none.</summary>
    public IReadOnlyList<string> Positionals => words is null ? [] : parsed.GetValue(words) ?? [];

    /// <summary>The option's value, or null when it was not given.</summary>
    public string? Option(string name) => parsed.GetValue<string>("--" + name);

    /// <summary>Every value of a repeatable option.</summary>
    public IReadOnlyList<string> Options(string name) => parsed.GetValue<string[]>("--" + name) ?? [];

    /// <summary>The option as an unsigned integer, or null when absent.</summary>
    public ulong? UnsignedOption(string name) => parsed.GetValue<ulong?>("--" + name);

    /// <summary>The option as an absolute http(s) URL, or null when absent.</summary>
    public Uri? UrlOption(string name) => parsed.GetValue<Uri?>("--" + name);
}
