using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Http;

/// <summary>What POST /prompt sends: an API-format workflow and how to queue it.</summary>
public sealed class PromptRequest
{
    /// <summary>Creates a request for a workflow, with a fresh client-generated prompt id.</summary>
    /// <param name="prompt">The API-format graph: <c>{node_id: {class_type, inputs, _meta?}}</c>.</param>
    public PromptRequest(JsonObject prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        Prompt = prompt;
    }

    /// <summary>The API-format graph. Its <c>_meta.title</c> values name nodes in errors and progress.</summary>
    public JsonObject Prompt { get; }

    /// <summary>
    /// The prompt id, generated here so that a submit that failed in transit can be checked against /queue and
    /// /history before it is retried, and so events that arrive before the HTTP answer can be matched.
    /// </summary>
    /// <value>Default: a new GUID string.</value>
    public string PromptId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The event-stream client id that should receive this prompt's events. Without it most are not sent.</summary>
    public string? ClientId { get; init; }

    /// <summary>Queue the prompt ahead of the normal ones (newest front item first).</summary>
    public bool Front { get; init; }

    /// <summary>Free-form data stored with the job (e.g. <c>extra_pnginfo</c>, <c>preview_method</c>).</summary>
    public JsonObject? ExtraData { get; init; }
}
