using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Progress;

/// <summary>
/// Turns a job (its <see cref="Job.ChatTarget"/>) into the chat surface its replies go to. The host registers one (the
/// Discord reply); Core's start-up hands it to the <see cref="Running.JobService"/>.
/// </summary>
public interface IJobViewFactory
{
    /// <summary>The view of <paramref name="job"/>'s reply; one that shows nothing when the job has no usable target.</summary>
    IJobView Create(Job job);
}
