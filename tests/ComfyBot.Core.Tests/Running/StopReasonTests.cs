using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Tests.Progress;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// Why a run stops and why a job waits again travel with its run state (issue 10: the runner owns its stop token):
/// a cancel or interrupt is taken once and outranks a move, a move is taken only from a job on a server, and the note
/// of a job sent back lasts until it is submitted again.
/// </summary>
public sealed class StopReasonTests
{
    [Fact]
    public void A_cancel_is_taken_once_and_a_second_one_is_told_the_job_is_stopping()
    {
        var active = Active(JobState.Waiting);

        Assert.True(active.TryStop(new StopReason.Cancel("alice")));
        Assert.False(active.TryStop(new StopReason.Cancel("an admin")));
        Assert.False(active.TryStop(new StopReason.Interrupt("an admin")));

        Assert.Equal(new StopReason.Cancel("alice"), active.Stopping);
        Assert.True(active.IsEnding);
    }

    [Fact]
    public void A_move_is_taken_only_from_a_job_on_a_server_that_nothing_stopped()
    {
        var waiting = Active(JobState.Waiting);
        Assert.False(waiting.TryStop(new StopReason.MoveOff("gpu-1")));

        var running = Active(JobState.Running);
        Assert.True(running.TryStop(new StopReason.MoveOff("gpu-1")));
        Assert.False(running.TryStop(new StopReason.MoveOff("gpu-1")));
        Assert.False(running.IsEnding);

        var cancelled = Active(JobState.Running);
        cancelled.TryStop(new StopReason.Interrupt("an admin"));
        Assert.False(cancelled.TryStop(new StopReason.MoveOff("gpu-1")));
        Assert.IsType<StopReason.Interrupt>(cancelled.Stopping);
    }

    [Fact]
    public void A_cancel_during_a_move_outranks_it_and_the_move_is_not_finished()
    {
        var active = Active(JobState.Running);
        active.TryStop(new StopReason.MoveOff("gpu-1"));
        var stop = active.Stop;

        Assert.True(active.TryStop(new StopReason.Cancel("alice")));

        Assert.False(active.TryFinishMove());
        Assert.Same(stop, active.Stop);
        Assert.Equal(new StopReason.Cancel("alice"), active.Stopping);
    }

    [Fact]
    public void A_finished_move_clears_the_reason_and_gives_the_next_attempt_a_fresh_stop()
    {
        var active = Active(JobState.Submitted);
        active.TryStop(new StopReason.MoveOff("gpu-1"));
        var stop = active.Stop;
        stop.Cancel();

        Assert.True(active.TryFinishMove());

        Assert.Null(active.Stopping);
        Assert.NotSame(stop, active.Stop);
        Assert.False(active.Stop.IsCancellationRequested);
    }

    [Fact]
    public void The_note_of_a_job_sent_back_stays_while_it_waits_or_is_held_and_goes_when_it_is_submitted_again()
    {
        var active = Active(JobState.Running);
        active.MoveTo(RunState.Concluding);

        active.MoveBack(ReplyTexts.LostRequeued("its history entry vanished"));
        active.MoveTo(RunState.Held);
        active.MoveTo(RunState.Waiting);
        active.MoveTo(RunState.Dispatching);
        Assert.Equal(ReplyTexts.LostRequeued("its history entry vanished"), active.WaitNote);
        Assert.Equal(RunState.Dispatching, active.State);

        active.MoveTo(RunState.Submitted);
        Assert.Null(active.WaitNote);
    }

    [Fact]
    public void A_move_back_the_table_does_not_list_is_named_and_leaves_no_note()
    {
        // Waiting already: going back to the queue from there is no move, and would be a bug.
        var active = Active(JobState.Waiting);

        Assert.Throws<RunTransitionException>(() => active.MoveBack(ReplyTexts.Offline));
        Assert.Null(active.WaitNote);
    }

    private static ActiveJob Active(JobState state)
    {
        var time = new FakeTimeProvider();
        var job = new Job { Id = 7, State = state, Owner = new JobOwner(1, "member-1"), ChannelId = 555, Workflow = "txt2img" };
        return new ActiveJob(job, new ReplyThrottle(new RecordingJobView(time), time, new ReplyThrottleOptions(), NullLogger.Instance));
    }
}
