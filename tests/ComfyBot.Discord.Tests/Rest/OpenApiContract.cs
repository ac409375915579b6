using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.Testing;
using Json.Schema;

namespace ComfyBot.Discord.Tests.Rest;

/// <summary>
/// Validates request bodies against the requestBody schema of an operation in Discord's OpenAPI document
/// (tests/fixtures/discord/openapi.json), the way FakeDiscord will: components.schemas become $defs of a
/// 2020-12 schema whose root is the operation's JSON schema. Multipart bodies are checked through payload_json.
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonObject _definitions;
    private readonly JsonObject _paths;
    private readonly Dictionary<string, JsonSchema> _schemas = [];
    private readonly Lock _gate = new();

    public OpenApiContract()
    {
        var document = JsonNode.Parse(File.ReadAllText(RepositoryFixtures.FixturePath("discord", "openapi.json")))!.AsObject();
        var rewritten = document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        _definitions = JsonNode.Parse(rewritten)!.AsObject();
        StripExtensions(_definitions);
        _paths = document["paths"]!.AsObject();
    }

    /// <summary>The problems found; empty when the body satisfies the operation's schema.</summary>
    public IReadOnlyList<string> Check(HttpMethod method, string pathTemplate, string json)
    {
        var schema = SchemaFor(method, pathTemplate);
        using var body = JsonDocument.Parse(KnownMismatches(json));
        var results = schema.Evaluate(body.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")];
    }

    /// <summary>
    /// Where the docs and the spec disagree, the docs win (the spec's README says so); such fields are rewritten to
    /// the spec's form before checking. default_member_permissions: the docs say a string, the spec an integer.
    /// </summary>
    private static string KnownMismatches(string json)
    {
        var node = JsonNode.Parse(json);
        if (node is JsonArray commands)
        {
            foreach (var command in commands.OfType<JsonObject>())
            {
                if (command["default_member_permissions"] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    command["default_member_permissions"] = long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        return node!.ToJsonString();
    }

    /// <summary>OpenAPI's x-* extension keywords are not JSON Schema; the 2020-12 dialect refuses unknown keywords.</summary>
    private static void StripExtensions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal)).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    StripExtensions(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StripExtensions(child);
                }

                break;
        }
    }

    private JsonSchema SchemaFor(HttpMethod method, string pathTemplate)
    {
        var key = $"{method.Method} {pathTemplate}";
        lock (_gate)
        {
            if (_schemas.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var operation = _paths[pathTemplate]?[method.Method.ToLowerInvariant()]
                ?? throw new InvalidOperationException($"openapi.json has no operation {key}.");
            var bodySchema = operation["requestBody"]!["content"]!["application/json"]!["schema"]!.ToJsonString()
                .Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
            var root = JsonNode.Parse(bodySchema)!.AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            var id = new Uri($"https://comfybot.test/openapi/{_schemas.Count}");
            root["$id"] = id.AbsoluteUri;
            root["$defs"] = _definitions.DeepClone();
            StripExtensions(root);
            var schema = JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, id);
            _schemas[key] = schema;
            return schema;
        }
    }
}
