namespace ComfyBot.Core.Progress;

/// <summary>The buttons a reply offers; the chat surface renders and wires them.</summary>
[Flags]
public enum ReplyButtons
{
    /// <summary>No buttons.</summary>
    None = 0,

    /// <summary>Run the same request again with a new random seed.</summary>
    Reroll = 1,

    /// <summary>Cancel the job (while it waits or runs).</summary>
    Cancel = 2,

    /// <summary>Show the full parameters: prompt, seed, workflow, backend.</summary>
    Details = 4,

    /// <summary>Upscale a result (offered only when the workflow set has an upscaler).</summary>
    Upscale = 8,

    /// <summary>Vary a result (offered only when the workflow set supports variations).</summary>
    Vary = 16,

    /// <summary>Open the prompt and negative in a form, and queue the edited job.</summary>
    Edit = 32,

    /// <summary>Remove the result (its owner or an admin).</summary>
    Delete = 64,
}
