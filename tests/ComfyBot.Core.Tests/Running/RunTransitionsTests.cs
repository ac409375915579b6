using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Tests.Progress;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Running;

/// <summary>The written table of a job's run states: what it allows, what it names as a bug.</summary>
public sealed class RunTransitionsTests
{
    [Fact]
    public void A_job_that_runs_well_goes_through_each_step_once()
    {
        var active = Active(JobState.Waiting);

        foreach (var step in new[] { RunState.Held, RunState.Waiting, RunState.Dispatching, RunState.Submitted, RunState.Running, RunState.Concluding, RunState.Succeeded })
        {
            active.MoveTo(step);
            Assert.Equal(step, active.State);
        }
    }

    [Theory]
    [InlineData(RunState.Dispatching)]
    [InlineData(RunState.Submitted)]
    [InlineData(RunState.Running)]
    [InlineData(RunState.Concluding)]
    public void A_job_on_a_backend_can_go_back_to_waiting(RunState on) => Assert.True(RunTransitions.CanMove(on, RunState.Waiting));

    [Fact]
    public void An_illegal_move_is_a_bug_that_names_the_job_and_both_states()
    {
        var active = Active(JobState.Waiting);

        var skipped = Assert.Throws<RunTransitionException>(() => active.MoveTo(RunState.Running));
        Assert.Equal("Job #7 cannot move from Waiting to Running; see RunTransitions.Table.", skipped.Message);
        Assert.Equal((7L, RunState.Waiting, RunState.Running), (skipped.JobId, skipped.From, skipped.To));
        Assert.Equal(RunState.Waiting, active.State);

        active.MoveTo(RunState.Cancelled);
        var revived = Assert.Throws<RunTransitionException>(() => active.MoveTo(RunState.Waiting));
        Assert.Equal("Job #7 is already Cancelled, which is final; it cannot become Waiting.", revived.Message);
    }

    [Fact]
    public void A_second_ending_is_refused_quietly_while_other_illegal_moves_throw()
    {
        var active = Active(JobState.Running);

        Assert.True(active.TryEnd(RunState.Cancelled));
        Assert.False(active.TryEnd(RunState.Failed));
        Assert.Equal(RunState.Cancelled, active.State);
        Assert.Throws<RunTransitionException>(() => Active(JobState.Waiting).TryEnd(RunState.Succeeded));
    }

    [Fact]
    public void Holding_and_letting_go_only_touch_a_waiting_job()
    {
        var active = Active(JobState.Waiting);
        Assert.True(active.TryMoveFrom(RunState.Waiting, RunState.Held));
        Assert.False(active.TryMoveFrom(RunState.Waiting, RunState.Held));
        active.MoveTo(RunState.Dispatching);
        Assert.False(active.TryMoveFrom(RunState.Held, RunState.Waiting));
        Assert.Equal(RunState.Dispatching, active.State);
    }

    [Fact]
    public void Finals_lead_nowhere_and_every_other_state_is_reachable_and_can_end()
    {
        var all = Enum.GetValues<RunState>();
        foreach (var state in all.Where(RunTransitions.IsFinal))
        {
            Assert.All(all, to => Assert.False(RunTransitions.CanMove(state, to), $"{state} -> {to}"));
        }

        var reachable = Closure(RunState.Waiting);
        Assert.Equal(all.OrderBy(s => s), reachable.OrderBy(s => s));
        foreach (var state in all.Where(s => !RunTransitions.IsFinal(s)))
        {
            Assert.Contains(Closure(state), RunTransitions.IsFinal);
            Assert.False(RunTransitions.Table[state].Contains(state), $"{state} lists itself");
        }
    }

    [Fact]
    public void Every_run_state_moves_only_where_the_stored_state_may_follow()
    {
        // The store's own rules (JobTransitions) must accept what the run table allows, once mapped.
        foreach (var (from, targets) in RunTransitions.Table)
        {
            foreach (var to in targets)
            {
                var stored = (Stored(from), Stored(to));
                Assert.True(stored.Item1 == stored.Item2 || JobTransitions.CanMove(stored.Item1, stored.Item2), $"{from} -> {to} is stored {stored.Item1} -> {stored.Item2}");
            }
        }
    }

    [Theory]
    [InlineData(JobState.Waiting, RunState.Waiting)]
    [InlineData(JobState.Submitted, RunState.Submitted)]
    [InlineData(JobState.Running, RunState.Running)]
    [InlineData(JobState.Succeeded, RunState.Succeeded)]
    [InlineData(JobState.Failed, RunState.Failed)]
    [InlineData(JobState.Cancelled, RunState.Cancelled)]
    [InlineData(JobState.Interrupted, RunState.Interrupted)]
    public void A_reloaded_job_starts_from_its_stored_state(JobState stored, RunState expected) => Assert.Equal(expected, RunTransitions.From(stored));

    // What the store holds while a job is in each run state (Concluding keeps the state it had, Running here).
    private static JobState Stored(RunState state) => state switch
    {
        RunState.Waiting or RunState.Held or RunState.Dispatching => JobState.Waiting,
        RunState.Submitted => JobState.Submitted,
        RunState.Running or RunState.Concluding => JobState.Running,
        RunState.Succeeded => JobState.Succeeded,
        RunState.Cancelled => JobState.Cancelled,
        RunState.Interrupted => JobState.Interrupted,
        _ => JobState.Failed,
    };

    private static HashSet<RunState> Closure(RunState start)
    {
        var seen = new HashSet<RunState> { start };
        var next = new Queue<RunState>([start]);
        while (next.TryDequeue(out var state))
        {
            foreach (var to in RunTransitions.Table.GetValueOrDefault(state) ?? [])
            {
                if (seen.Add(to))
                {
                    next.Enqueue(to);
                }
            }
        }

        return seen;
    }

    private static ActiveJob Active(JobState state)
    {
        var time = new FakeTimeProvider();
        var job = new Job { Id = 7, State = state, Owner = new JobOwner(1, "member-1"), ChannelId = 555, Workflow = "txt2img" };
        return new ActiveJob(job, new ReplyThrottle(new RecordingJobView(time), time, new ReplyThrottleOptions(), NullLogger.Instance));
    }
}
