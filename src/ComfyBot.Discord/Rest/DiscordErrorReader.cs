using System.Globalization;
using System.Text.Json;

namespace ComfyBot.Discord.Rest;

/// <summary>Turns an error answer into a <see cref="DiscordRestException"/>, flattening the nested <c>errors</c> tree.</summary>
internal static class DiscordErrorReader
{
    public static async Task<DiscordRestException> ReadAsync(HttpResponseMessage response, string route, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return Parse(response.StatusCode, bytes, route, retryAfter);
    }

    public static DiscordRestException Parse(System.Net.HttpStatusCode status, ReadOnlySpan<byte> body, string route, TimeSpan? retryAfter)
    {
        int? code = null;
        string? message = null;
        var fieldErrors = new List<DiscordFieldError>();
        try
        {
            var reader = new Utf8JsonReader(body);
            if (JsonDocument.TryParseValue(ref reader, out var document))
            {
                using (document)
                {
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Object)
                    {
                        if (root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var parsed))
                        {
                            code = parsed;
                        }

                        if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                        {
                            message = m.GetString();
                        }

                        if (root.TryGetProperty("errors", out var errors))
                        {
                            Flatten(errors, "", fieldErrors);
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Cloudflare and proxies answer with HTML; the status alone has to do.
            message = "the answer was not JSON";
        }

        return new DiscordRestException(status, code, message, fieldErrors, route, retryAfter);
    }

    /// <summary>Walks the errors tree: numeric keys are list indexes, <c>_errors</c> holds the leaves.</summary>
    internal static void Flatten(JsonElement node, string path, List<DiscordFieldError> into)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in node.EnumerateObject())
        {
            if (property.NameEquals("_errors"))
            {
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var leaf in property.Value.EnumerateArray())
                {
                    var code = leaf.TryGetProperty("code", out var c) ? c.ToString() : "";
                    var message = leaf.TryGetProperty("message", out var m) ? m.ToString() : "";
                    into.Add(new DiscordFieldError(path.Length == 0 ? "(body)" : path, code, message));
                }
            }
            else
            {
                var isIndex = int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out _);
                var child = isIndex ? $"{path}[{property.Name}]" : path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                Flatten(property.Value, child, into);
            }
        }
    }
}
