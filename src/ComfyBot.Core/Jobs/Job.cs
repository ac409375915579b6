using ComfyBot.Comfy;
using ComfyBot.Comfy.Templates;

namespace ComfyBot.Core.Jobs;

/// <summary>
/// One request for images, as the job store holds it. Immutable: change it with <c>with</c> and write it back through
/// the store, whose row is the job's truth. Times are UTC.
/// </summary>
public sealed record Job
{
    /// <summary>The store's id, shown to people as <c>#123</c>; 0 until the store has added the job.</summary>
    public long Id { get; init; }

    /// <summary>Where the job is in its life.</summary>
    public JobState State { get; init; } = JobState.Waiting;

    /// <summary>Who asked for it.</summary>
    public required JobOwner Owner { get; init; }

    /// <summary>The guild it was asked in; null in a direct message.</summary>
    public ulong? GuildId { get; init; }

    /// <summary>The channel it was asked in.</summary>
    public required ulong ChannelId { get; init; }

    /// <summary>The workflow template's name.</summary>
    public required string Workflow { get; init; }

    /// <summary>The values the member gave (their seed, if any, is in here too).</summary>
    public WorkflowParameters Parameters { get; init; } = WorkflowParameters.None;

    /// <summary>The seed actually used, once drawn or taken from <see cref="Parameters"/>.</summary>
    public ulong? Seed { get; init; }

    /// <summary>The priority weight resolved from the member's roles at submit time (1 = normal).</summary>
    public int Weight { get; init; } = 1;

    /// <summary>When the member asked.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last sent to a backend.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When it last started executing.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a final state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The backend's name while it is (or was last) there.</summary>
    public string? Backend { get; init; }

    /// <summary>ComfyUI's prompt id on that backend.</summary>
    public string? PromptId { get; init; }

    /// <summary>The <c>client_id</c> the prompt was sent with.</summary>
    public string? ClientId { get; init; }

    /// <summary>How many times it has been sent to a backend.</summary>
    public int Attempts { get; init; }

    /// <summary>Why it failed, or who cancelled or interrupted it; null otherwise.</summary>
    public string? Detail { get; init; }

    /// <summary>The files it produced.</summary>
    public IReadOnlyList<OutputFile> Outputs { get; init; } = [];

    /// <summary>
    /// Opaque to Core: the chat surface keeps its own JSON here (interaction token and expiry, message ids).
    /// It holds a secret, so never log it.
    /// </summary>
    public string? ChatTarget { get; init; }

    /// <summary>Whether the final message has been delivered (set once, through the store).</summary>
    public bool FinalDelivered { get; init; }

    /// <summary>The position key among waiting jobs: lower goes first. A bump sets it below every other.</summary>
    public long QueueOrder { get; init; }

    /// <summary>The interaction's attachment_size_limit its images are fitted to; null for the configured limit.</summary>
    public long? AttachmentByteLimit { get; init; }

    /// <summary>The row's version, for optimistic concurrency; the store sets it.</summary>
    public long Version { get; init; }

    /// <summary>Whether <see cref="State"/> is final.</summary>
    public bool IsFinal => JobTransitions.IsFinal(State);

    /// <summary>Whether a restart must pick the job up again: not final, or final with its message not yet delivered.</summary>
    public bool NeedsAttention => !IsFinal || !FinalDelivered;

    /// <summary>The text shown to people: <c>#123</c>.</summary>
    public string DisplayId => $"#{Id}";

    /// <summary>A short description for logs. It leaves out <see cref="ChatTarget"/> (a secret) and the prompt text.</summary>
    public override string ToString() =>
        $"Job {DisplayId} ({State}, {Workflow}, {Owner.DisplayName} {Owner.MemberId}{(Backend is null ? "" : ", on " + Backend)})";
}
