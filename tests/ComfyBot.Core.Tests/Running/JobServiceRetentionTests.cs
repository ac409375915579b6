using System.Diagnostics;
using System.Runtime.CompilerServices;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Core.Tests.Running;

/// <summary>What a queued job keeps in memory, counted (issue 15: the whole process under 5 KB of heap per queued job).</summary>
public sealed class JobServiceRetentionTests
{
    [Fact]
    public async Task Queued_jobs_keep_no_copy_of_their_chat_target_and_their_views_still_get_it()
    {
        await using var rig = await JobServiceRig.StartAsync();
        var viewed = new List<string?>();
        await using var service = new JobService(
            rig.Store,
            rig.Monitor,
            new JobPolicy(new JobPolicyOptions(), TimeProvider.System),
            rig.Workflows,
            job =>
            {
                lock (viewed)
                {
                    viewed.Add(job.ChatTarget);
                }

                return SilentView.Instance;
            },
            new JobServiceOptions(),
            TimeProvider.System,
            NullLoggerFactory.Instance);
        service.Pause();
        for (var i = 1; i <= 100; i++)
        {
            service.Enqueue(new Job
            {
                Id = i,
                Owner = new JobOwner((ulong)(i % 10), "member"),
                ChannelId = 555,
                Workflow = "txt2img",
                Parameters = new WorkflowParameters { Prompt = "a lighthouse at dusk", Seed = (ulong)i },
                QueueOrder = i,
                ChatTarget = $$"""{"job_id":"{{i}}","token":"{{new string('t', 600)}}"}""",
            });
        }

        var queue = service.ListQueue();

        Assert.Equal(100, queue.Count);
        Assert.Equal(0, queue.Count(e => e.Job.ChatTarget is not null));
        Assert.Equal(100, viewed.Count(t => t is { Length: > 600 }));
    }

    [Fact]
    public void A_job_span_continues_the_interaction_span_by_its_context_and_leaves_it_collectable()
    {
        using var telemetry = new JobTelemetry();
        using var interactions = new ActivitySource("ComfyBot.Core.Tests.Retention");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, telemetry.Source) || ReferenceEquals(source, interactions),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        var (interaction, context, span) = StartUnderAnInteraction(telemetry, interactions);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // A span started while another is current keeps that one (to make it current again when it stops): the job
        // span lives as long as the job waits, and it held the ended interaction span and its tags.
        Assert.False(interaction.TryGetTarget(out _), "the job span still holds the interaction's span");
        Assert.Equal(context.TraceId, span.TraceId);
        Assert.Equal(context.SpanId, span.ParentSpanId);
        span.Stop();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<Activity> Interaction, ActivityContext Context, Activity Span) StartUnderAnInteraction(JobTelemetry telemetry, ActivitySource interactions)
    {
        var job = new Job { Id = 7, Owner = new JobOwner(1, "member"), ChannelId = 555, Workflow = "txt2img" };
        var current = interactions.StartActivity("interaction") ?? throw new InvalidOperationException("The listener did not sample the interaction span.");
        var span = telemetry.StartJob(job) ?? throw new InvalidOperationException("The listener did not sample the job span.");
        Assert.Same(current, Activity.Current);
        current.Stop();
        Activity.Current = null;
        return (new WeakReference<Activity>(current), current.Context, span);
    }

    private sealed class SilentView : IJobView
    {
        public static readonly SilentView Instance = new();

        public ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken) => ValueTask.FromResult(ReplySendResult.Sent);
    }
}
