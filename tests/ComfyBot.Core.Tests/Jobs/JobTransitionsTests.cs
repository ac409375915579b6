using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Tests.Jobs;

public sealed class JobTransitionsTests
{
    [Theory]
    [InlineData(JobState.Waiting, JobState.Submitted)]
    [InlineData(JobState.Waiting, JobState.Cancelled)]
    [InlineData(JobState.Submitted, JobState.Running)]
    [InlineData(JobState.Submitted, JobState.Waiting)]
    [InlineData(JobState.Running, JobState.Succeeded)]
    [InlineData(JobState.Running, JobState.Interrupted)]
    [InlineData(JobState.Running, JobState.Waiting)]
    public void CanMove_AlongTheLife_IsAllowed(JobState from, JobState to) => Assert.True(JobTransitions.CanMove(from, to));

    [Theory]
    [InlineData(JobState.Waiting, JobState.Waiting)]
    [InlineData(JobState.Waiting, JobState.Succeeded)]
    [InlineData(JobState.Waiting, JobState.Interrupted)]
    [InlineData(JobState.Running, JobState.Submitted)]
    public void CanMove_SkippingOrStaying_IsRefused(JobState from, JobState to) => Assert.False(JobTransitions.CanMove(from, to));

    [Fact]
    public void CanMove_FromAnyFinalState_IsRefusedForEveryTarget()
    {
        foreach (var from in Enum.GetValues<JobState>().Where(JobTransitions.IsFinal))
        {
            foreach (var to in Enum.GetValues<JobState>())
            {
                Assert.False(JobTransitions.CanMove(from, to), $"{from} -> {to}");
            }
        }
    }

    [Fact]
    public void IsFinal_OnlyTheEndings()
    {
        Assert.Equal(
            [JobState.Succeeded, JobState.Failed, JobState.Cancelled, JobState.Interrupted],
            Enum.GetValues<JobState>().Where(JobTransitions.IsFinal));
    }

    [Fact]
    public void EnsureCanMove_FinalJob_SaysItIsFinal()
    {
        var error = Assert.Throws<JobTransitionException>(() => JobTransitions.EnsureCanMove(12, JobState.Succeeded, JobState.Waiting));

        Assert.Equal("Job #12 is already Succeeded, which is final; it cannot become Waiting.", error.Message);
        Assert.Equal(JobState.Succeeded, error.From);
        Assert.Equal(JobState.Waiting, error.To);
    }
}
