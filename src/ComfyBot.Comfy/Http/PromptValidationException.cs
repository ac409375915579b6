using System.Text;

namespace ComfyBot.Comfy.Http;

/// <summary>
/// POST /prompt answered 400: ComfyUI refused the prompt and queued nothing. The message lists every node
/// error; <see cref="NodeErrors"/> has them typed.
/// </summary>
public sealed class PromptValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PromptValidationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PromptValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PromptValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the parts of ComfyUI's 400 body.</summary>
    public PromptValidationException(string promptId, string errorType, string errorMessage, string details, IReadOnlyList<NodeValidationError> nodeErrors)
        : base(Describe(promptId, errorType, errorMessage, details, nodeErrors))
    {
        PromptId = promptId;
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        Details = details;
        NodeErrors = nodeErrors;
    }

    /// <summary>The prompt id the client sent (nothing was queued under it).</summary>
    public string PromptId { get; } = string.Empty;

    /// <summary>
    /// ComfyUI's error type: <c>invalid_prompt</c>, <c>prompt_no_outputs</c>, <c>no_prompt</c>,
    /// <c>prompt_outputs_failed_validation</c>; or <c>error</c> when an old server sent a bare string.
    /// </summary>
    public string ErrorType { get; } = string.Empty;

    /// <summary>ComfyUI's top-level message.</summary>
    public string ErrorMessage { get; } = string.Empty;

    /// <summary>ComfyUI's top-level details (often empty; the node errors carry the specifics).</summary>
    public string Details { get; } = string.Empty;

    /// <summary>Each problem on each node; empty for errors about the prompt as a whole.</summary>
    public IReadOnlyList<NodeValidationError> NodeErrors { get; } = [];

    private static string Describe(string promptId, string type, string message, string details, IReadOnlyList<NodeValidationError> nodeErrors)
    {
        var text = new StringBuilder();
        text.Append("ComfyUI rejected prompt ").Append(promptId).Append(": ").Append(message);
        if (!string.IsNullOrEmpty(details) && details != message)
        {
            text.Append(" (").Append(details).Append(')');
        }

        text.Append(" [").Append(type).Append(']');
        foreach (var error in nodeErrors)
        {
            text.AppendLine().Append("  - ").Append(error);
        }

        return text.ToString();
    }
}
