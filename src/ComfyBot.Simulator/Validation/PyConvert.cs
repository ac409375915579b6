using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Validation;

/// <summary>
/// int(), float(), str() and bool() of a decoded JSON value, with Python's results and error messages,
/// because validation converts constants this way and reports the exception text.
/// </summary>
internal static class PyConvert
{
    /// <summary>The converted value: the JSON to store back into the prompt, and its numeric value if any.</summary>
    internal readonly record struct Converted(JsonNode? Node, BigInteger? Integer, double? Float, string Display);

    public static Converted Convert(string typeName, JsonNode? value) => typeName switch
    {
        "INT" => ToInt(value),
        "FLOAT" => ToFloat(value),
        "STRING" => ToStr(value),
        "BOOLEAN" => ToBool(value),
        _ => new Converted(value, null, null, PyRepr.Str(value)),
    };

    public static Converted ToInt(JsonNode? value)
    {
        switch (Kind(value))
        {
            case JsonValueKind.Number:
            {
                var text = value!.ToJsonString();
                if (text.IndexOfAny(['.', 'e', 'E']) < 0)
                {
                    var big = BigInteger.Parse(text, CultureInfo.InvariantCulture);
                    return new Converted(value, big, null, big.ToString(CultureInfo.InvariantCulture));
                }

                var truncated = new BigInteger(Math.Truncate(ParseDouble(text)));
                return Integer(truncated);
            }

            case JsonValueKind.True:
                return Integer(BigInteger.One);
            case JsonValueKind.False:
                return Integer(BigInteger.Zero);
            case JsonValueKind.String:
            {
                var raw = value!.GetValue<string>();
                var digits = raw.Trim().Replace("_", "", StringComparison.Ordinal);
                var valid = raw.Trim().Length > 0 && !raw.Trim().StartsWith('_') && !raw.Trim().EndsWith('_')
                    && !raw.Contains("__", StringComparison.Ordinal)
                    && BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
                if (!valid)
                {
                    throw new PythonException("ValueError", $"invalid literal for int() with base 10: {PyRepr.Quote(raw)}", []);
                }

                return Integer(BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }

            default:
                throw new PythonException("TypeError", $"int() argument must be a string, a bytes-like object or a real number, not '{PyTypeName(value)}'", []);
        }
    }

    public static Converted ToFloat(JsonNode? value)
    {
        switch (Kind(value))
        {
            case JsonValueKind.Number:
            {
                var text = value!.ToJsonString();
                var d = ParseDouble(text);

                // float(7) is 7.0: the queued prompt shows 7.0 as the real server's does.
                var node = text.IndexOfAny(['.', 'e', 'E']) < 0 && double.IsFinite(d) ? PyRepr.FloatNode(d) : value;
                return new Converted(node, null, d, PyRepr.Float(d));
            }

            case JsonValueKind.True:
                return Float(1.0);
            case JsonValueKind.False:
                return Float(0.0);
            case JsonValueKind.String:
            {
                var raw = value!.GetValue<string>();
                var trimmed = raw.Trim();
                var lowered = trimmed.ToUpperInvariant().TrimStart('+', '-');
                if (lowered is "INF" or "INFINITY" or "NAN")
                {
                    var sign = trimmed.StartsWith('-') ? -1 : 1;
                    return Float(lowered == "NAN" ? double.NaN : sign * double.PositiveInfinity);
                }

                if (trimmed.Length > 0 && !trimmed.Contains("__", StringComparison.Ordinal)
                    && double.TryParse(trimmed.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return Float(parsed);
                }

                throw new PythonException("ValueError", $"could not convert string to float: {PyRepr.Quote(raw)}", []);
            }

            default:
                throw new PythonException("TypeError", $"float() argument must be a string or a real number, not '{PyTypeName(value)}'", []);
        }
    }

    public static Converted ToStr(JsonNode? value)
    {
        var text = PyRepr.Str(value);
        return new Converted(Kind(value) == JsonValueKind.String ? value : JsonValue.Create(text), null, null, text);
    }

    public static Converted ToBool(JsonNode? value)
    {
        var truth = Kind(value) switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
            JsonValueKind.String => value!.GetValue<string>().Length > 0,
            JsonValueKind.Number => ParseDouble(value!.ToJsonString()) != 0,
            JsonValueKind.Object => ((JsonObject)value!).Count > 0,
            JsonValueKind.Array => ((JsonArray)value!).Count > 0,
            _ => true,
        };
        var kind = Kind(value);
        var node = kind is JsonValueKind.True or JsonValueKind.False ? value : JsonValue.Create(truth);
        return new Converted(node, null, null, truth ? "True" : "False");
    }

    /// <summary>Python's type name for an error message: str, int, float, bool, NoneType, dict, list.</summary>
    public static string PyTypeName(JsonNode? value) => Kind(value) switch
    {
        JsonValueKind.String => "str",
        JsonValueKind.Number => value!.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0 ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Object => "dict",
        JsonValueKind.Array => "list",
        _ => "NoneType",
    };

    public static JsonValueKind Kind(JsonNode? value) => value?.GetValueKind() ?? JsonValueKind.Null;

    public static double ParseDouble(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Converted Integer(BigInteger value) =>
        new(JsonNode.Parse(value.ToString(CultureInfo.InvariantCulture)), value, null, value.ToString(CultureInfo.InvariantCulture));

    private static Converted Float(double value) =>
        new(double.IsFinite(value) ? PyRepr.FloatNode(value) : JsonValue.Create(PyRepr.Float(value)), null, value, PyRepr.Float(value));
}
