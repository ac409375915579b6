using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Validation;

/// <summary>
/// ComfyUI's validate_prompt: phase 1 checks every node's class, phase 2 walks each output node's links.
/// Error types, messages, details and extra_info follow the recorded 400 bodies (07_validation).
/// Constants are converted in place, so "20" is queued as 20, as on the real server.
/// </summary>
internal sealed class PromptValidator
{
    private readonly NodeCatalog _catalog;
    private readonly Func<string, bool> _inputFileExists;

    /// <param name="catalog">The node classes.</param>
    /// <param name="inputFileExists">LoadImage's custom check: does "[subfolder/]name" exist among the inputs.</param>
    public PromptValidator(NodeCatalog catalog, Func<string, bool> inputFileExists)
    {
        _catalog = catalog;
        _inputFileExists = inputFileExists;
    }

    public ValidationOutcome Validate(JsonObject prompt, IReadOnlyCollection<string>? partialTargets)
    {
        var outputs = new List<string>();
        foreach (var (id, node) in prompt)
        {
            if (node is not JsonObject obj || !obj.ContainsKey("class_type"))
            {
                return ValidationOutcome.Fail("invalid_prompt", "Cannot execute because a node is missing the class_type property.", $"Node ID '#{id}'");
            }

            var classType = PyRepr.Str(obj["class_type"]);
            if (!_catalog.TryGet(classType, out var nodeClass))
            {
                return ValidationOutcome.Fail("invalid_prompt", $"Cannot execute because node {classType} does not exist.", $"Node ID '#{id}'");
            }

            if (nodeClass.IsOutputNode && (partialTargets is null || partialTargets.Contains(id)))
            {
                outputs.Add(id);
            }
        }

        if (outputs.Count == 0)
        {
            return ValidationOutcome.Fail("prompt_no_outputs", "Prompt has no outputs", "");
        }

        // The real server iterates a Python set, whose order is not stable; the recordings show ["10", "9"],
        // which ordinal order reproduces.
        outputs.Sort(StringComparer.Ordinal);
        var validated = new Dictionary<string, NodeVerdict>(StringComparer.Ordinal);
        var good = new List<string>();
        var failedOutputs = new List<(string Output, JsonArray Reasons)>();
        var nodeErrors = new JsonObject();
        foreach (var output in outputs)
        {
            NodeVerdict verdict;
            try
            {
                verdict = new NodeInputsValidator(_catalog, _inputFileExists, prompt, validated).Validate(output);
            }
            catch (PythonException ex)
            {
                var reasons = new JsonArray(ValidationOutcome.ErrorObject("exception_during_validation", "Exception when validating node", ex.PythonMessage, new JsonObject
                {
                    ["exception_type"] = ex.PythonType,
                    ["traceback"] = new JsonArray([.. ex.Traceback.Select(t => (JsonNode?)JsonValue.Create(t))]),
                }));
                verdict = new NodeVerdict(false, reasons);
                validated[output] = verdict;
            }

            if (verdict.IsValid)
            {
                good.Add(output);
                continue;
            }

            failedOutputs.Add((output, verdict.Errors));
            foreach (var (nodeId, result) in validated)
            {
                // Downstream nodes fail without errors of their own; only nodes with reasons are reported.
                if (result.IsValid || result.Errors.Count == 0)
                {
                    continue;
                }

                if (nodeErrors[nodeId] is not JsonObject entry)
                {
                    entry = new JsonObject
                    {
                        ["errors"] = result.Errors.DeepClone(),
                        ["dependent_outputs"] = new JsonArray(),
                        ["class_type"] = PyRepr.Str(prompt[nodeId]?["class_type"]),
                    };
                    nodeErrors[nodeId] = entry;
                }

                ((JsonArray)entry["dependent_outputs"]!).Add(output);
            }
        }

        if (good.Count == 0)
        {
            var details = string.Join("\n", failedOutputs.SelectMany(f => f.Reasons).Select(r => $"{PyRepr.Str(r?["message"])}: {PyRepr.Str(r?["details"])}"));
            var error = ValidationOutcome.ErrorObject("prompt_outputs_failed_validation", "Prompt outputs failed validation", details, []);
            return new ValidationOutcome(false, error, [], nodeErrors);
        }

        return new ValidationOutcome(true, null, good, nodeErrors);
    }
}
