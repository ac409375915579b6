using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Validation;

/// <summary>
/// Python's str()/repr() of JSON values, because ComfyUI builds its error texts with f-strings:
/// "Value 1000.0 bigger than max of 100.0", "ckpt_name: 'x' not in ['a', 'b']".
/// </summary>
internal static class PyRepr
{
    /// <summary>repr() of a string: single quotes unless the text holds a single quote and no double quote.</summary>
    public static string Quote(string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\');
                    }

                    sb.Append(c);
                    break;
            }
        }

        return sb.Append(quote).ToString();
    }

    /// <summary>repr() of a float: "7.0", "0.1", "1e+16".</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        // Shortest round-trip digits, then Python's repr layout: positional for exponents -4..15, else d.ddde+XX.
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = r.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? r : r[..exponentAt];
        var shift = exponentAt < 0 ? 0 : int.Parse(r[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var pointAt = (dot < 0 ? mantissa.Length : dot) + shift;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        pointAt -= leading;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return value < 0 || double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var exponent = pointAt - 1;
        var sign = value < 0 ? "-" : "";
        if (exponent is >= -4 and < 16)
        {
            if (pointAt <= 0)
            {
                return sign + "0." + new string('0', -pointAt) + digits;
            }

            if (pointAt >= digits.Length)
            {
                return sign + digits + new string('0', pointAt - digits.Length) + ".0";
            }

            return sign + digits[..pointAt] + "." + digits[pointAt..];
        }

        var body = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return $"{sign}{body}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }

    /// <summary>A JSON number written as Python's json module writes a float: 7.0, not 7.</summary>
    public static JsonNode FloatNode(double value) => JsonNode.Parse(Float(value))!;

    /// <summary>str() of a JSON value as Python would print the decoded object.</summary>
    public static string Str(JsonNode? node) => node switch
    {
        null => "None",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            _ => Repr(node),
        },
        _ => Repr(node),
    };

    /// <summary>repr() of a JSON value as Python would print the decoded object.</summary>
    public static string Repr(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "None";
            case JsonArray array:
                return "[" + string.Join(", ", array.Select(Repr)) + "]";
            case JsonObject obj:
                return "{" + string.Join(", ", obj.Select(p => Quote(p.Key) + ": " + Repr(p.Value))) + "}";
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => Quote(value.GetValue<string>()),
                    JsonValueKind.True => "True",
                    JsonValueKind.False => "False",
                    JsonValueKind.Number => Number(value),
                    _ => "None",
                };
            default:
                return node.ToJsonString();
        }
    }

    /// <summary>A JSON number as Python decodes it: an int when written without fraction or exponent, else a float.</summary>
    public static string Number(JsonValue value)
    {
        var text = value.ToJsonString();
        if (text.IndexOfAny(['.', 'e', 'E']) < 0)
        {
            return text;
        }

        return Float(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
