using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Running;

/// <summary>What a member asked for, as <see cref="JobService.SubmitAsync"/> takes it.</summary>
/// <param name="Owner">The member who asked.</param>
/// <param name="RoleIds">The member's roles, for limits and priority weight.</param>
/// <param name="ChannelId">The channel the command came from.</param>
/// <param name="Workflow">The name of a template JobService knows.</param>
/// <param name="Parameters">The values to bind; a missing seed is chosen once here and kept across resubmits.</param>
public sealed record JobSubmission(
    JobOwner Owner,
    IReadOnlyCollection<ulong> RoleIds,
    ulong ChannelId,
    string Workflow,
    WorkflowParameters Parameters)
{
    /// <summary>The guild, when the command came from one.</summary>
    public ulong? GuildId { get; init; }

    /// <summary>Opaque text the view factory turns back into a chat surface (interaction token, message ids); stored with the job.</summary>
    public string? ChatTarget { get; init; }

    /// <summary>The interaction's attachment_size_limit in bytes; null uses <see cref="JobServiceOptions.AttachmentByteLimit"/>.</summary>
    public long? AttachmentByteLimit { get; init; }

    /// <summary>
    /// The image to work on, for workflows that take one (<see cref="Workflows.WorkflowDefinition.TakesImage"/>). It is kept
    /// with the job in the store and uploaded to whichever backend runs it.
    /// </summary>
    public InputImage? InputImage { get; init; }

    /// <summary>
    /// The channel's age-restricted (nsfw) flag as the interaction carried it; null when it did not say (threads,
    /// DMs), which counts as not age-restricted.
    /// </summary>
    public bool? ChannelNsfw { get; init; }
}
