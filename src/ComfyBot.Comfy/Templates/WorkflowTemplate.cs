using System.Text.Json.Nodes;
using ComfyBot.Comfy.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>
/// An API-format ComfyUI workflow with named parameters bound to its inputs. Loading checks the workflow's shape and finds
/// the bindings (configuration, then <c>{{placeholders}}</c>, then auto-detection); rendering writes parameter values into
/// a fresh copy and never changes the template, so one instance can serve every request, concurrently.
/// </summary>
public sealed class WorkflowTemplate
{
    private readonly WorkflowGraph _graph;
    private readonly CompiledTemplate _compiled;
    private readonly Dictionary<InputSlot, WorkflowParameter> _slots;
    private readonly HashSet<InputSlot> _placeholders;
    private readonly ParameterBinding?[] _byParameter;
    private readonly Random _random;

    private WorkflowTemplate(WorkflowGraph graph, string name, WorkflowTemplateOptions options, List<WorkflowTemplateException>? collected = null)
    {
        _graph = graph;
        Name = name;
        var resolver = BindingResolver.Resolve(graph, name, options.Bindings, options.AutoDetect);
        if (options.CollectProblems)
        {
            LoadProblems = [.. (collected ?? []).Concat(resolver.Problems).Select(p => p.Message)];
        }
        else if (resolver.Problems.Count == 1)
        {
            throw resolver.Problems[0];
        }
        else if (resolver.Problems.Count > 1)
        {
            throw new WorkflowTemplateException(
                $"Template '{name}' has {resolver.Problems.Count} binding problems:" + string.Concat(resolver.Problems.Select(p => $"\n- {p.Message}")),
                resolver.Problems[0].NodeId,
                resolver.Problems[0].InputName);
        }

        Bindings = resolver.ToBindings();
        _placeholders = resolver.PlaceholderSlots;
        _slots = Bindings.SelectMany(b => b.Inputs.Select(i => (Slot: new InputSlot(i.NodeId, i.InputName), b.Parameter)))
            .ToDictionary(p => p.Slot, p => p.Parameter);
        _byParameter = new ParameterBinding?[WorkflowParameterNames.All.Count];
        foreach (var binding in Bindings)
        {
            _byParameter[(int)binding.Parameter] = binding;
        }

        _compiled = CompiledTemplate.Compile(graph, Bindings);
        _random = options.SeedRandom ?? Random.Shared;
    }

    /// <summary>The template's name (file name, or the configured one), used in messages.</summary>
    public string Name { get; }

    /// <summary>Every parameter the template accepts and the inputs each goes into, in parameter order.</summary>
    public IReadOnlyList<ParameterBinding> Bindings { get; }

    /// <summary>
    /// What was wrong in the workflow's nodes and links or in its binding configuration, each with its fix, when it was
    /// loaded with <see cref="WorkflowTemplateOptions.CollectProblems"/>; otherwise loading threw, and this is empty.
    /// </summary>
    public IReadOnlyList<string> LoadProblems { get; } = [];

    /// <summary>How many nodes the workflow has.</summary>
    public int NodeCount => _graph.Nodes.Count;

    /// <summary>Reads and loads a template from an API-format workflow file.</summary>
    /// <exception cref="WorkflowTemplateException">The file is missing, not API format, malformed, or its bindings are wrong.</exception>
    public static async Task<WorkflowTemplate> LoadAsync(string path, WorkflowTemplateOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new WorkflowTemplateException($"Workflow file '{path}' does not exist; check the path in the configuration.", e);
        }

        options ??= new WorkflowTemplateOptions();
        var name = options.Name ?? Path.GetFileName(path);
        return Create(json, name, options);
    }

    /// <summary>Loads a template from API-format workflow JSON text.</summary>
    /// <exception cref="WorkflowTemplateException">The text is not API format, is malformed, or its bindings are wrong.</exception>
    public static WorkflowTemplate Parse(string json, WorkflowTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= new WorkflowTemplateOptions();
        var name = options.Name ?? "workflow";
        return Create(json, name, options);
    }

    private static WorkflowTemplate Create(string json, string name, WorkflowTemplateOptions options)
    {
        List<WorkflowTemplateException>? collected = options.CollectProblems ? [] : null;
        return new WorkflowTemplate(WorkflowGraph.Parse(json, name, collected), name, options, collected);
    }

    /// <summary>Whether the template has somewhere to put <paramref name="parameter"/>.</summary>
    public bool Accepts(WorkflowParameter parameter) => _byParameter[(int)parameter] is not null;

    /// <summary>
    /// The template's own value for <paramref name="parameter"/> as text (a number in invariant form, or the string),
    /// from the first bound input that holds one; null when it is not bound or only a placeholder.
    /// </summary>
    public string? TextOf(WorkflowParameter parameter) => OwnScalar(parameter) is { } scalar
        ? scalar.TryGetValue<double>(out var number)
            ? number.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
            : scalar.TryGetValue<string>(out var text) ? text : scalar.ToJsonString()
        : null;

    /// <summary>
    /// The template's own value for <paramref name="parameter"/> as a number (what a render leaves in place when the
    /// member gives none), from the first bound input that holds one; null when it is not bound, only a placeholder,
    /// or not a number.
    /// </summary>
    public double? NumberOf(WorkflowParameter parameter) =>
        OwnScalar(parameter) is { } scalar && scalar.TryGetValue<double>(out var number) ? number : null;

    private System.Text.Json.Nodes.JsonValue? OwnScalar(WorkflowParameter parameter) =>
        _byParameter[(int)parameter] is { } binding ? ParameterSpecs.OwnValue(_graph, binding) as System.Text.Json.Nodes.JsonValue : null;

    /// <summary>
    /// Applies <paramref name="parameters"/> to a copy of the workflow. Unset parameters keep the template's values; an unset
    /// seed is drawn at random when the template binds one.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A parameter is set that the template does not bind, a required (placeholder) parameter is missing, or a number is not finite.
    /// </exception>
    public RenderedWorkflow Render(WorkflowParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new byte[]?[_byParameter.Length];
        ulong? seed = null;
        for (var index = 0; index < _byParameter.Length; index++)
        {
            var parameter = (WorkflowParameter)index;
            var binding = _byParameter[index];
            if (binding is null)
            {
                if (parameters.IsSet(parameter))
                {
                    throw Unbound(parameter);
                }

                continue;
            }

            values[index] = ParameterValueEncoder.Encode(parameters, parameter);
            if (parameter == WorkflowParameter.Seed)
            {
                seed = parameters.Seed ?? NextSeed();
                values[index] ??= ParameterValueEncoder.Number(seed.Value);
            }
            else if (values[index] is null && binding.IsRequired)
            {
                var at = binding.Inputs.First(i => i.Source == BindingSource.Placeholder);
                throw new ArgumentException(
                    $"Template '{Name}' needs '{binding.Name}': {at.Path} holds only the placeholder {{{{{binding.Name}}}}}. Set '{binding.Name}' when rendering.");
            }
        }

        return new RenderedWorkflow(_compiled.Render(values), seed);
    }

    /// <summary>
    /// Checks the template against a server: classes exist, bound inputs exist on their class, constants fit their inputs
    /// (combo choices, model files, min/max), links point at existing outputs of the right type. Placeholder inputs are
    /// checked only in a rendered workflow.
    /// </summary>
    /// <param name="catalog">The server's node classes (GET /object_info).</param>
    /// <param name="models">Optional files per model folder (GET /models/{folder}), e.g. <c>checkpoints</c> → names.</param>
    /// <returns>Every problem found; empty when the server should accept the workflow.</returns>
    public IReadOnlyList<WorkflowProblem> Validate(NodeCatalog catalog, IReadOnlyDictionary<string, IReadOnlyList<string>>? models = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return PromptValidator.Validate(_graph, catalog, models, _slots, _placeholders);
    }

    /// <summary>
    /// The member's values this template would silently drop: a sampler reads a prompt, negative or seed, or an empty
    /// latent has a size, and no binding takes the value (it comes through a node auto-detection cannot follow).
    /// Needs no server.
    /// </summary>
    /// <returns>One problem per parameter, with the binding that fixes it; empty when each reaches its input.</returns>
    public IReadOnlyList<WorkflowProblem> CheckBindings() => BindingCoverage.Check(_graph, Accepts);

    /// <summary>
    /// Files the workflow loads that the server lacks: a LoadImage or LoadImageMask (any upload input) naming a file that
    /// is not in the server's input folder, as its fresh /object_info lists it. Inputs bound to the member's image are
    /// left out: the member's attachment replaces them. <see cref="Validate(NodeCatalog, IReadOnlyDictionary{string, IReadOnlyList{string}}?)"/>
    /// does not check these, because a cached catalogue may predate an upload.
    /// </summary>
    /// <param name="catalog">The server's node classes, read just now.</param>
    public IReadOnlyList<WorkflowProblem> CheckInputFiles(NodeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new List<WorkflowProblem>();
        foreach (var node in _graph.Nodes)
        {
            if (!catalog.TryGetNode(node.ClassType, out var definition))
            {
                continue;
            }

            foreach (var input in definition.Inputs.Where(i => i.IsUpload && i.Options is not null))
            {
                if (node.TryGetConstant(input.Name, out var value) && value is JsonValue scalar && scalar.TryGetValue<string>(out var file)
                    && !_slots.ContainsKey(new InputSlot(node.Id, input.Name)) && !input.Options!.Contains(file))
                {
                    problems.Add(new WorkflowProblem(
                        node.Id,
                        node.ClassType,
                        input.Name,
                        $"the file '{file}' is not in the server's input folder, so ComfyUI drops every output that needs it",
                        "upload it to that server (the LoadImage node's upload button, or POST /upload/image), or bind this input to 'image' so members attach one"));
                }
            }
        }

        return problems;
    }

    /// <summary>Checks a workflow this template rendered, so that parameter values out of range are caught before POST /prompt.</summary>
    /// <param name="catalog">The server's node classes (GET /object_info).</param>
    /// <param name="rendered">The result of <see cref="Render"/>.</param>
    /// <param name="models">Optional files per model folder (GET /models/{folder}).</param>
    /// <returns>Every problem found; empty when the server should accept the workflow.</returns>
    public IReadOnlyList<WorkflowProblem> Validate(
        NodeCatalog catalog, RenderedWorkflow rendered, IReadOnlyDictionary<string, IReadOnlyList<string>>? models = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(rendered);
        var graph = WorkflowGraph.FromNode(rendered.ToJsonObject(), Name);
        return PromptValidator.Validate(graph, catalog, models, _slots, new HashSet<InputSlot>());
    }

    /// <summary>
    /// For each bound parameter, what the server accepts there (bounds, choices) and the template's own value: what a bot
    /// needs to declare its command options.
    /// </summary>
    /// <param name="catalog">The server's node classes.</param>
    /// <param name="models">Optional files per model folder; they replace the catalogue's choices for model-file inputs.</param>
    public IReadOnlyList<ParameterSpec> DescribeParameters(
        NodeCatalog catalog, IReadOnlyDictionary<string, IReadOnlyList<string>>? models = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Bindings.Select(binding => ParameterSpecs.Describe(_graph, binding, catalog, models)).ToList();
    }

    /// <summary>A copy of the workflow as loaded (placeholders still in place).</summary>
    public JsonObject ToJsonObject() => _graph.Root.DeepClone().AsObject();

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({NodeCount} nodes; binds {string.Join(", ", Bindings.Select(b => b.Name))})";

    // Drawn below 2^53: a seed shown to a person should be one they can type back, and Discord's integer
    // options (like JavaScript numbers) stop being exact there. ComfyUI itself accepts up to 2^64-1.
    private ulong NextSeed() => (ulong)_random.NextInt64((long)MaxRandomSeed + 1);

    /// <summary>The largest seed drawn when none is given: 2^53 − 1.</summary>
    public const ulong MaxRandomSeed = (1UL << 53) - 1;

    private ArgumentException Unbound(WorkflowParameter parameter)
    {
        var name = WorkflowParameterNames.Of(parameter);
        var accepted = Bindings.Count == 0 ? "none" : string.Join(", ", Bindings.Select(b => b.Name));
        return new ArgumentException(
            $"Template '{Name}' has no binding for '{name}' (it accepts: {accepted}). Leave '{name}' unset, or bind it: "
            + $"add \"{name}\": [\"<node id>.inputs.<input>\"] to the template's bindings, or put \"{{{{{name}}}}}\" in the workflow.");
    }
}
