using System.Collections;
using System.Globalization;

namespace ComfyBot.Logging;

/// <summary>
/// A log entry's or scope's structured values with secrets removed: strings and any other object's text go through
/// the scrubber; numbers, booleans and the message template pass as they are, so JSON logs keep their types.
/// </summary>
internal sealed class ScrubbedState(IReadOnlyList<KeyValuePair<string, object?>> values, string text) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";

    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    /// <summary>The state of a log entry: its values, and <paramref name="message"/> (already scrubbed) as its text.</summary>
    public static ScrubbedState Of<TState>(TState state, string message, LogScrubber scrubber) =>
        new(Values(state, scrubber), message);

    /// <summary>A scope's state, whose text is its own ToString.</summary>
    public static object? OfScope(object? scope, LogScrubber scrubber) => scope switch
    {
        null => null,
        string text => scrubber.Scrub(text),
        _ => new ScrubbedState(Values(scope, scrubber), scrubber.Scrub(scope.ToString() ?? string.Empty)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => text;

    private static List<KeyValuePair<string, object?>> Values<TState>(TState state, LogScrubber scrubber)
    {
        var values = new List<KeyValuePair<string, object?>>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                values.Add(new(key, key == OriginalFormat ? value : Clean(value, scrubber)));
            }
        }

        return values;
    }

    private static object? Clean(object? value, LogScrubber scrubber) => value switch
    {
        null => null,
        string text => scrubber.Scrub(text),
        bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal or Enum => value,
        TimeSpan or DateTime or DateTimeOffset or Guid => value,
        IFormattable formattable => scrubber.Scrub(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => scrubber.Scrub(value.ToString() ?? string.Empty),
    };
}
