using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace ComfyBot.Comfy.Tests.Events;

/// <summary>An event as text, for comparing the events two parse paths give.</summary>
internal static class EventText
{
    /// <summary>Every public property of the event, lists element by element, nested records by their own properties.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        ReadOnlyMemory<byte> m => Convert.ToHexString(m.Span),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ => value.GetType().Name + " { " + string.Join(", ", value.GetType().GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + " = " + Describe(p.GetValue(value)))) + " }",
    };
}
