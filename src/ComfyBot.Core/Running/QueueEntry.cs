using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Running;

/// <summary>One line of /queue or the admin listing.</summary>
/// <param name="Position">1-based place among waiting jobs; null for a job already on a GPU server.</param>
/// <param name="Job">The job as last stored.</param>
/// <param name="Age">Time since the job was created.</param>
/// <param name="PromptStart">The first characters of the prompt.</param>
public sealed record QueueEntry(int? Position, Job Job, TimeSpan Age, string PromptStart);
