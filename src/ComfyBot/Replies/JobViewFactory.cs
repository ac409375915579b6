using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Replies;

/// <summary>
/// JobService's view factory: turns a job's stored <see cref="Job.ChatTarget"/> back into its Discord reply, and
/// saves the target again after every send that changed it (message ids, the move, final delivery).
/// </summary>
internal sealed partial class JobViewFactory(
    DiscordRestClient rest,
    TimeProvider time,
    DiscordJobViewOptions options,
    Func<long, string, CancellationToken, Task> saveTarget,
    ILogger<JobViewFactory> logger) : IJobViewFactory
{
    /// <summary>The view of <paramref name="job"/>'s reply; a job without a usable target gets a view that shows nothing.</summary>
    public IJobView Create(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.ChatTarget is not { } json)
        {
            LogNoTarget(logger, job.Id);
            return DetachedJobView.Instance;
        }

        ChatTarget target;
        try
        {
            target = ChatTarget.FromJson(json);
        }
        catch (FormatException e)
        {
            LogBadTarget(logger, job.Id, e.Message);
            return DetachedJobView.Instance;
        }

        // The target is written before the store assigns the job's id; the buttons need the id.
        var id = job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.Equals(target.JobId, id, StringComparison.Ordinal))
        {
            target = target with { JobId = id };
        }

        var view = new PersistedJobView(job.Id, new DiscordJobView(rest, target, time, options), saveTarget);
        return target.Spoiler ? new SpoilerJobView(view) : view;
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Job #{JobId} has no chat target; its replies go nowhere.")]
    private static partial void LogNoTarget(ILogger logger, long jobId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Job #{JobId} has an unreadable chat target ({Problem}); its replies go nowhere.")]
    private static partial void LogBadTarget(ILogger logger, long jobId, string problem);
}
