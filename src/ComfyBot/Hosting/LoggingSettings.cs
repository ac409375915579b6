using Microsoft.Extensions.Logging;

namespace ComfyBot.Hosting;

/// <summary>
/// The console log (section <c>ComfyBot:Logging</c>). Tokens are scrubbed from every line whatever the format; the
/// standard <c>Logging:LogLevel</c> keys still refine levels per category.
/// </summary>
internal sealed class LoggingSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ComfyBot:Logging";

    /// <summary><c>Simple</c> (one readable line) or <c>Json</c> (one JSON object per line). <value>Simple.</value></summary>
    public LogFormat Format { get; set; } = LogFormat.Simple;

    /// <summary>The least level written (Trace, Debug, Information, Warning, Error). <value>Information.</value></summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Information;

    /// <summary>Every problem, each naming the key and the fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Format))
        {
            errors.Add($"{Section}:Format is '{Format}'; set Simple or Json.");
        }

        if (!Enum.IsDefined(MinimumLevel) || MinimumLevel == LogLevel.None)
        {
            errors.Add($"{Section}:MinimumLevel is '{MinimumLevel}'; set Trace, Debug, Information, Warning or Error.");
        }

        return errors;
    }
}
