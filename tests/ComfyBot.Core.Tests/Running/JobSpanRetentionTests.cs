using System.Diagnostics;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;

namespace ComfyBot.Core.Tests.Running;

/// <summary>What a waiting job's span keeps while the job waits (issue 15: heap per queued job).</summary>
public sealed class JobSpanRetentionTests
{
    [Fact]
    public async Task A_waiting_jobs_span_holds_no_tags_and_gets_them_all_when_the_job_ends()
    {
        using var telemetry = new JobTelemetry();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, telemetry.Source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var job = new Job { Id = 7, Owner = new JobOwner(41, "member"), ChannelId = 555, Workflow = "txt2img" };

        var span = telemetry.StartJob(job) ?? throw new InvalidOperationException("The listener did not sample the job span.");

        // Three tags held a node each, a list and two id strings (about 0.25 KB) for as long as the job waited.
        Assert.Empty(span.TagObjects);

        await using var reply = new ReplyThrottle(new NoView(), TimeProvider.System, new ReplyThrottleOptions());
        var active = new ActiveJob(job with { State = JobState.Succeeded }, reply) { Span = span };
        using (var step = telemetry.StartStep(active, "job.final"))
        {
            Assert.Equal("7", step?.GetTagItem(JobTelemetry.JobIdTag));
        }

        JobTelemetry.EndJob(active);
        Assert.Equal("7", span.GetTagItem(JobTelemetry.JobIdTag));
        Assert.Equal("txt2img", span.GetTagItem("comfybot.workflow"));
        Assert.Equal("41", span.GetTagItem("comfybot.member.id"));
        Assert.Equal("succeeded", span.GetTagItem("comfybot.job.state"));
    }

    private sealed class NoView : IJobView
    {
        public ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken) => ValueTask.FromResult(ReplySendResult.Sent);
    }
}
