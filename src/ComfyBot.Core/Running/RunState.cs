namespace ComfyBot.Core.Running;

/// <summary>
/// Where one job is in this bot's hands: a finer view of the stored <see cref="Jobs.JobState"/> (Held and Waiting are
/// both stored Waiting; Dispatching is Waiting until ComfyUI takes the prompt; Concluding keeps the stored state until
/// the final one is written). <see cref="RunTransitions"/> is the table of allowed moves.
/// </summary>
public enum RunState
{
    /// <summary>In the fair queue; only its place in line holds it back.</summary>
    Waiting,

    /// <summary>In the fair queue, held: the queue is paused, no server is reachable, or none can run its workflow.</summary>
    Held,

    /// <summary>Taken with a backend slot: opening the event stream, uploading its image, submitting the prompt.</summary>
    Dispatching,

    /// <summary>In ComfyUI's queue.</summary>
    Submitted,

    /// <summary>ComfyUI executes it.</summary>
    Running,

    /// <summary>ComfyUI is done with it: the images are read, the final state stored and the reply composed.</summary>
    Concluding,

    /// <summary>Final: done, with its images.</summary>
    Succeeded,

    /// <summary>Final: it could not run, or failed on the server.</summary>
    Failed,

    /// <summary>Final: cancelled by its owner or an admin.</summary>
    Cancelled,

    /// <summary>Final: interrupted on its server (by an admin or on the server itself).</summary>
    Interrupted,

    /// <summary>Final: servers lost it more often than <c>Jobs:LostRequeues</c> allows (stored Failed).</summary>
    Lost,
}
