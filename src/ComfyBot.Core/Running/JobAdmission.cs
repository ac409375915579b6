using ComfyBot.Core.Images;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// Admission of a new job: the policy (bans, channel, limits, the member's cap and cooldown), the workflow's own check,
/// the render that fixes the seed, the store's insert and the queue. Admissions take turns, so the cap and the
/// cooldown hold under a burst; a store that cannot write refuses the job with its reason instead of failing.
/// </summary>
internal sealed partial class JobAdmission(JobEngine engine, JobPolicy policy) : IDisposable
{
    // The count, the cooldown and the insert are one step: nothing else may admit a job between them.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Checks the policy, writes the job to the store and queues it. Tell the member "queued" only after this
    /// returns a job; a refusal means nothing was stored.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.AttachmentByteLimit is < 1024)
        {
            throw new ArgumentException($"AttachmentByteLimit is {submission.AttachmentByteLimit}; pass the interaction's attachment_size_limit (at least 1024 bytes) or null for the configured limit.", nameof(submission));
        }

        // One admission at a time: the count, the cooldown and the insert are one step, so a burst of submissions
        // (an /imagine storm, eight clicks on one Re-roll) lets exactly the cap in. Only the store's insert is slow here.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await AdmitAsync(submission, cancellationToken);
        }
        catch (Exception error) when (StoreFailure.Is(error))
        {
            LogStoreRefusedJob(engine.Logger, error, submission.Owner.MemberId);
            return new SubmitResult(null, new PolicyRefusal(RefusalReason.StoreUnavailable, ReplyTexts.StoreUnavailable(StoreFailure.Describe(error))));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SubmitResult> AdmitAsync(JobSubmission submission, CancellationToken cancellationToken)
    {
        var parameters = submission.Parameters;
        var request = new JobRequest(submission.Owner.MemberId, submission.RoleIds, submission.ChannelId)
        {
            Steps = parameters.Steps,
            Width = parameters.Width,
            Height = parameters.Height,
            Batch = parameters.Batch,

            // Counted in memory: a job whose outcome the store could not record has still left (see JobEndings).
            QueuedJobs = engine.JobIds(j => j.Owner.MemberId == submission.Owner.MemberId).Count,
            LastSubmittedAt = await engine.Store.GetLastSubmitTimeAsync(submission.Owner.MemberId, cancellationToken),
            UsedToday = await UsedTodayAsync(submission.Owner.MemberId, cancellationToken),
        };
        var decision = policy.Evaluate(request);
        if (decision.Refusal is { } refusal)
        {
            return new SubmitResult(null, refusal);
        }

        if (Moderation is { } moderation && await moderation.ScreenAsync(submission, cancellationToken) is { } moderated)
        {
            return new SubmitResult(null, moderated);
        }

        if (engine.Workflows.Check(submission.Workflow, parameters, submission.InputImage is not null) is { } unfit)
        {
            return new SubmitResult(null, unfit);
        }

        // The input image by its real, decoded size: an img2img job is as large as its input.
        if (submission.InputImage is { } input && InputImageLimits.Check(input, decision.Limits) is { } oversized)
        {
            return new SubmitResult(null, oversized);
        }

        var definition = engine.Definition(submission.Workflow);

        // Rendering now refuses bad values before anything is stored, and fixes a random seed once so that a
        // resubmitted job draws the same image.
        var rendered = definition.Template.Render(parameters);
        if (rendered.Seed is { } seed && parameters.Seed is null)
        {
            parameters = parameters with { Seed = seed };
        }

        var job = await engine.Store.AddAsync(
            new Job
            {
                Owner = submission.Owner,
                GuildId = submission.GuildId,
                ChannelId = submission.ChannelId,
                Workflow = definition.Name,
                Parameters = parameters,
                Seed = rendered.Seed,
                Weight = Math.Max(1, (int)Math.Round(decision.Weight)),
                ChatTarget = submission.ChatTarget,
                AttachmentByteLimit = submission.AttachmentByteLimit,
            },
            submission.InputImage,
            cancellationToken);
        engine.Enqueue(job);
        return new SubmitResult(job, null);
    }

    /// <summary>What the member used today, read only when a daily quota is configured (it is two more queries).</summary>
    private async Task<Usage.MemberUsage?> UsedTodayAsync(ulong memberId, CancellationToken cancellationToken)
    {
        if (!policy.HasQuotas)
        {
            return null;
        }

        var (start, end) = policy.Calendar.Day(engine.Time.GetUtcNow());
        return await engine.Usage.GetUsageAsync(memberId, start, end, cancellationToken);
    }

    /// <summary>The channel rules and prompt filter every admission passes; null for none.</summary>
    public ComfyBot.Core.Moderation.ModerationGate? Moderation { get; set; }

    /// <summary>Called once the service is stopped; a submit still under way then fails as the service's other calls do.</summary>
    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "The job store refused a new job of member {MemberId}; the member is told it cannot be saved")]
    private static partial void LogStoreRefusedJob(ILogger logger, Exception error, ulong memberId);
}
