using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.Comfy.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>Checks one constant against its declared input: type, min/max, combo choices and model files.</summary>
internal sealed class InputValueCheck(IReadOnlyDictionary<string, IReadOnlyList<string>>? models)
{
    private const int ListedChoices = 12;

    public IEnumerable<(string Message, string Fix)> Check(NodeInput input, JsonNode? value)
    {
        if (value is JsonObject wrapped && wrapped.ContainsKey("__value__"))
        {
            yield break; // a list constant; only custom nodes take those and they validate them themselves
        }

        var scalar = value as JsonValue;
        var kind = scalar?.GetValueKind() ?? JsonValueKind.Null;
        switch (input.Type)
        {
            case "INT" or "FLOAT":
                foreach (var problem in CheckNumber(input, scalar, kind))
                {
                    yield return problem;
                }

                break;
            case "BOOLEAN" when kind is not (JsonValueKind.True or JsonValueKind.False):
                yield return ($"'{input.Name}' must be true or false; got {Show(value)}",
                    kind == JsonValueKind.String
                        ? "write the JSON literal true or false without quotes (the server reads any non-empty string as true)"
                        : "write true or false");
                break;
            case NodeInput.ComboType:
                if (CheckCombo(input, scalar, kind) is { } comboProblem)
                {
                    yield return comboProblem;
                }

                break;
            case "STRING" or "BOOLEAN" or SocketTypes.Any:
                break;
            default:
                // MODEL, LATENT, CONDITIONING …: only a link can carry these; the server would fail at run time instead.
                yield return ($"'{input.Name}' takes a link from a {input.Type} output, not the constant {Show(value)}",
                    $"link an output of type {input.Type} to '{input.Name}', e.g. [\"<node id>\", 0]");
                break;
        }
    }

    private static IEnumerable<(string, string)> CheckNumber(NodeInput input, JsonValue? scalar, JsonValueKind kind)
    {
        // The server converts with int()/float(), so a numeric string passes; anything else does not.
        decimal number;
        if (kind == JsonValueKind.Number && scalar!.TryGetValue<decimal>(out var parsed))
        {
            number = parsed;
        }
        else if (kind == JsonValueKind.String
            && decimal.TryParse(scalar!.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out parsed))
        {
            number = parsed;
        }
        else if (kind == JsonValueKind.Number)
        {
            number = scalar!.GetValue<double>() < 0 ? decimal.MinValue : decimal.MaxValue; // beyond decimal: certainly out of range
        }
        else
        {
            yield return ($"'{input.Name}' expects a number ({input.Type}); got {Show(scalar)}", $"write a number{Range(input)}");
            yield break;
        }

        if (input.Type == "INT" && kind == JsonValueKind.Number && number != decimal.Truncate(number))
        {
            yield return ($"'{input.Name}' expects a whole number; got {Show(scalar)}", $"write a whole number{Range(input)}");
        }

        if (input.Minimum is { } min && number < min)
        {
            yield return ($"{input.Name} {Show(scalar)} is below the minimum {Format(min)}", $"use a value{Range(input)}");
        }

        if (input.Maximum is { } max && number > max)
        {
            yield return ($"{input.Name} {Show(scalar)} is above the maximum {Format(max)}", $"use a value{Range(input)}");
        }
    }

    private (string, string)? CheckCombo(NodeInput input, JsonValue? scalar, JsonValueKind kind)
    {
        var text = kind switch
        {
            JsonValueKind.String => scalar!.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => scalar!.ToJsonString(),
            _ => null,
        };
        if (text is null)
        {
            return ($"'{input.Name}' must be one of its choices; got {Show(scalar)}", $"write one of: {List(input.Options ?? [])}");
        }

        // Uploads are checked by the server against its input folder, which the catalogue may predate.
        if (input.IsUpload || input.Options is null)
        {
            return null;
        }

        IReadOnlyList<string>? files = null;
        if (input.ModelFolder is { } folder && models is not null && models.TryGetValue(folder, out var listed))
        {
            files = listed;
        }

        if (input.Options.Contains(text) || (files is not null && files.Contains(text)))
        {
            return null;
        }

        if (input.IsModelFile)
        {
            var available = files is null ? input.Options : input.Options.Union(files).ToList();
            return available.Count == 0
                ? ($"{input.Name} '{text}' is not on the server; its {input.ModelFolder} folder is empty",
                    $"copy '{text}' into the server's models/{input.ModelFolder} folder")
                : ($"{input.Name} '{text}' is not on the server; available: {List(available)}",
                    $"use one of the available files, or copy '{text}' into the server's models/{input.ModelFolder} folder");
        }

        if (input.Options.Count == 0)
        {
            return null; // a list the server fills at run time (remote combos); nothing to compare against
        }

        return ($"{input.Name} '{text}' is not one of its {input.Options.Count} choices", $"use one of: {List(input.Options)}");
    }

    private static string Range(NodeInput input) => (input.Minimum, input.Maximum) switch
    {
        ({ } min, { } max) => $" from {Format(min)} to {Format(max)}",
        ({ } min, null) => $" of at least {Format(min)}",
        (null, { } max) => $" of at most {Format(max)}",
        _ => string.Empty,
    };

    private static string List(IReadOnlyList<string> choices) => choices.Count <= ListedChoices
        ? string.Join(", ", choices)
        : $"{string.Join(", ", choices.Take(ListedChoices))} (and {choices.Count - ListedChoices} more)";

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(JsonNode? value) => value is null ? "null" : value.ToJsonString();
}
