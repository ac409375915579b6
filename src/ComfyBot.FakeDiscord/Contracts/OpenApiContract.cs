using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ComfyBot.FakeDiscord.Contracts;

/// <summary>
/// Discord's OpenAPI document turned into request-body validators: matches a concrete path to the spec's
/// templated path and validates a JSON body against that operation's <c>requestBody</c> schema.
/// </summary>
/// <remarks>
/// The document is 1.2 MB with 539 component schemas, so it is loaded and compiled once per process
/// (<see cref="Embedded"/>) and each operation's schema is compiled on first use and then reused. Both caches are
/// memoised pure functions of the embedded, read-only spec, so sharing them between servers shares no behaviour.
/// </remarks>
internal sealed class OpenApiContract
{
    // Two builds of the same components: as published (open objects, what Discord enforces) and with every
    // object closed (what the spec documents), so a field Discord would drop can be reported without refusing it.
    private const string OpenComponentsId = "https://fakediscord.invalid/openapi/components";
    private const string ClosedComponentsId = "https://fakediscord.invalid/openapi/components-closed";
    private const string OperationsId = "https://fakediscord.invalid/openapi/operations/";
    private const string ResourceName = "ComfyBot.FakeDiscord.openapi.json";
    private const string SchemaRefPrefix = "#/components/schemas/";

    private static readonly Lazy<OpenApiContract> EmbeddedContract = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    // Most bodies are valid: a yes/no evaluation first, the detailed tree only to describe a failure.
    private static readonly EvaluationOptions Verdict = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Details = new() { OutputFormat = OutputFormat.Hierarchical };

    private readonly BuildOptions buildOptions;
    private readonly PathTemplate[] templates;
    private readonly Dictionary<string, JsonObject> requestSchemas;
    private readonly ConcurrentDictionary<(string, bool), Lazy<JsonSchema>> compiled = new();
    private readonly Lazy<bool> closedComponents;

    // The built schemas keep pointing into these documents' elements, so the documents live as long as this object.
    private readonly List<JsonDocument> documents = [];

    private OpenApiContract(JsonObject spec)
    {
        buildOptions = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var schemas = spec["components"]?["schemas"] as JsonObject
            ?? throw new InvalidDataException("The OpenAPI document has no components/schemas; is it Discord's openapi.json?");
        var paths = spec["paths"] as JsonObject
            ?? throw new InvalidDataException("The OpenAPI document has no paths; is it Discord's openapi.json?");

        ComponentCount = schemas.Count;
        var composed = FindAllOfTargets(spec);
        BuildComponents(schemas, composed, closed: false);
        // Built on first use, like the operations' schemas.
        closedComponents = new Lazy<bool>(() => BuildComponents(schemas, composed, closed: true), LazyThreadSafetyMode.ExecutionAndPublication);

        requestSchemas = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var list = new List<PathTemplate>();
        foreach (var (template, item) in paths)
        {
            var methods = new List<string>();
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                methods.Add(method);
                if (operation?["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject body)
                {
                    requestSchemas[$"{method} {template}"] = body;
                }
            }

            list.Add(new PathTemplate(template, methods));
        }

        templates = [.. list.OrderByDescending(t => t.LiteralCount)];
    }

    /// <summary>The contract compiled from the copy of openapi.json embedded in this assembly.</summary>
    public static OpenApiContract Embedded => EmbeddedContract.Value;

    public int ComponentCount { get; }

    public int OperationCount => requestSchemas.Count;

    public static OpenApiContract Load(Stream openApiJson)
    {
        var node = JsonNode.Parse(openApiJson) as JsonObject
            ?? throw new InvalidDataException("The OpenAPI document is not a JSON object.");
        return new OpenApiContract(node);
    }

    /// <summary>Finds the spec operation for a request path (relative to the API base, e.g. <c>/users/@me</c>).</summary>
    public OperationMatch? Match(string method, string path)
    {
        var lower = method.ToLowerInvariant();
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var template in templates)
        {
            if (template.Methods.Contains(lower) && template.TryMatch(segments) is { } parameters)
            {
                return new OperationMatch(lower, template.Template, parameters);
            }
        }

        return null;
    }

    public bool HasRequestBody(string operation) => requestSchemas.ContainsKey(operation);

    /// <summary>
    /// Validates a body against the operation's request schema as Discord publishes it (objects open, as Discord
    /// ignores fields it does not know); an operation without one accepts anything. Each violation names the
    /// field at fault: of a union's branches only the one that came closest is described.
    /// </summary>
    public IReadOnlyList<ContractViolation> Validate(string operation, JsonElement body) => Check(operation, body, closed: false);

    /// <summary>
    /// Fields of a body that is otherwise valid but that the schema does not list. Discord drops them without a
    /// word, so they are not violations; they are still worth reporting, as a misspelt field is silently lost.
    /// </summary>
    public IReadOnlyList<ContractViolation> FindUndocumented(string operation, JsonElement body) => Examine(operation, body).Undocumented;

    /// <summary>
    /// Both at once, for the request path: the closed schema is stricter, so a body it accepts (nearly every one)
    /// needs no second evaluation; only a body it refuses is evaluated against the open one, to tell a violation
    /// from an undocumented field.
    /// </summary>
    public (IReadOnlyList<ContractViolation> Violations, IReadOnlyList<ContractViolation> Undocumented) Examine(string operation, JsonElement body)
    {
        if (!requestSchemas.ContainsKey(operation) || Schema(operation, closed: true).Evaluate(body, Verdict).IsValid)
        {
            return ([], []);
        }

        var violations = Check(operation, body, closed: false);
        return violations.Count > 0 ? (violations, []) : ([], Check(operation, body, closed: true));
    }

    private JsonSchema Schema(string operation, bool closed) =>
        compiled.GetOrAdd((operation, closed), key => new Lazy<JsonSchema>(() => CompileOperation(key.Item1, key.Item2))).Value;

    private List<ContractViolation> Check(string operation, JsonElement body, bool closed)
    {
        if (!requestSchemas.ContainsKey(operation))
        {
            return [];
        }

        var schema = Schema(operation, closed);
        return schema.Evaluate(body, Verdict).IsValid ? [] : ViolationReport.Describe(operation, schema.Evaluate(body, Details));
    }

    private static OpenApiContract LoadEmbedded()
    {
        using var stream = typeof(OpenApiContract).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing; rebuild ComfyBot.FakeDiscord (Contracts/openapi.json).");
        return Load(stream);
    }

    private bool BuildComponents(JsonObject schemas, HashSet<string> composed, bool closed)
    {
        var id = closed ? ClosedComponentsId : OpenComponentsId;
        var defs = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            var copy = name == "SnowflakeType" ? Snowflake() : RewriteRefs(schema!.DeepClone(), id);
            if (closed && !composed.Contains(name) && copy is JsonObject obj)
            {
                Close(obj);
            }

            defs[name] = copy;
        }

        Build(new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = id,
            ["$defs"] = defs,
        }, new Uri(id));
        return true;
    }

    /// <summary>
    /// The spec types a snowflake as a decimal string, but Discord also takes it as a JSON integer (clients such as
    /// discord.py send <c>message_reference.message_id</c> and <c>allowed_mentions.users</c> as numbers).
    /// </summary>
    private static JsonObject Snowflake() => new()
    {
        ["type"] = new JsonArray("string", "integer"),
        ["pattern"] = "^(0|[1-9][0-9]*)$",
        ["minimum"] = 0,
        ["format"] = "snowflake",
    };

    private JsonSchema CompileOperation(string operation, bool closed)
    {
        var schema = (JsonObject)RewriteRefs(requestSchemas[operation].DeepClone(), closed ? ClosedComponentsId : OpenComponentsId)!;
        if (closed && closedComponents.Value)
        {
            Close(schema);
            if (schema["items"] is JsonObject items)
            {
                Close(items);
            }
        }

        var id = new Uri(OperationsId + (closed ? "closed/" : "open/") + Uri.EscapeDataString(operation));
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        schema["$id"] = id.ToString();
        return Build(schema, id);
    }

    private JsonSchema Build(JsonObject schema, Uri id)
    {
        var document = JsonDocument.Parse(schema.ToJsonString());
        lock (documents)
        {
            documents.Add(document);
        }

        return JsonSchema.Build(document.RootElement, buildOptions, id);
    }

    /// <summary>
    /// Discord's request schemas list every field it accepts but leave objects open; the closed build makes a
    /// misspelt or invented field visible (<see cref="FindUndocumented"/>). A bare <c>$ref</c> gets closed too:
    /// <c>unevaluatedProperties</c> sees what the referenced schema evaluated.
    /// </summary>
    private static void Close(JsonObject schema)
    {
        var isObject = schema["type"] is JsonValue type && type.TryGetValue<string>(out var t) && t == "object";
        var composes = schema.ContainsKey("$ref") || schema.ContainsKey("anyOf") || schema.ContainsKey("oneOf");
        if ((isObject && schema.ContainsKey("properties") || composes && !schema.ContainsKey("type"))
            && !schema.ContainsKey("additionalProperties") && !schema.ContainsKey("unevaluatedProperties"))
        {
            schema["unevaluatedProperties"] = false;
        }
    }

    private static HashSet<string> FindAllOfTargets(JsonNode spec)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Walk(spec);
        return names;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj["allOf"] is JsonArray all)
                    {
                        foreach (var member in all)
                        {
                            if (member?["$ref"]?.GetValue<string>() is { } target)
                            {
                                names.Add(target[(target.LastIndexOf('/') + 1)..]);
                            }
                        }
                    }

                    foreach (var (_, child) in obj)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Walk(child);
                    }

                    break;
            }
        }
    }

    private static JsonNode? RewriteRefs(JsonNode? node, string componentsId)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        // OpenAPI extensions (x-discord-union) are not JSON Schema keywords; the 2020-12 dialect rejects them.
                        obj.Remove(key);
                    }
                    else if (key == "$ref" && obj[key] is JsonValue value && value.TryGetValue<string>(out var target)
                        && target.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
                    {
                        obj[key] = componentsId + "#/$defs/" + target[SchemaRefPrefix.Length..];
                    }
                    else
                    {
                        RewriteRefs(obj[key], componentsId);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteRefs(child, componentsId);
                }

                break;
        }

        return node;
    }
}
