namespace ComfyBot.Comfy.Resilience;

/// <summary>How a call may be retried; each HTTP call picks one.</summary>
internal enum ComfyCallKind
{
    /// <summary>Safe to repeat (GETs, queue edits, per-prompt interrupt, dedup'd upload): retry transport errors, timeouts and 5xx.</summary>
    Idempotent,

    /// <summary>POST /prompt: retry only after /queue and /history show the prompt id is not there.</summary>
    Submit,

    /// <summary>Must not run twice (global interrupt): retry only when the connection was never made.</summary>
    AtMostOnce,
}
