using ComfyBot.Core.Running;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(new JobServiceOptions().Validate());

    [Theory]
    [InlineData(nameof(JobServiceOptions.AttachmentByteLimit), "ComfyBot:Jobs:AttachmentByteLimit")]
    [InlineData(nameof(JobServiceOptions.ConnectTimeout), "ComfyBot:Jobs:ConnectTimeout")]
    [InlineData(nameof(JobServiceOptions.OfflineRetryDelay), "ComfyBot:Jobs:OfflineRetryDelay")]
    [InlineData(nameof(JobServiceOptions.LostRequeues), "ComfyBot:Jobs:LostRequeues")]
    [InlineData(nameof(JobServiceOptions.EtaHorizon), "ComfyBot:Jobs:EtaHorizon")]
    [InlineData(nameof(JobServiceOptions.PromptPreviewLength), "ComfyBot:Jobs:PromptPreviewLength")]
    public void A_bad_value_is_refused_with_its_key_and_a_fix(string property, string key)
    {
        var options = new JobServiceOptions();
        switch (property)
        {
            case nameof(JobServiceOptions.AttachmentByteLimit): options.AttachmentByteLimit = 10; break;
            case nameof(JobServiceOptions.ConnectTimeout): options.ConnectTimeout = TimeSpan.Zero; break;
            case nameof(JobServiceOptions.OfflineRetryDelay): options.OfflineRetryDelay = TimeSpan.FromSeconds(-1); break;
            case nameof(JobServiceOptions.LostRequeues): options.LostRequeues = -1; break;
            case nameof(JobServiceOptions.EtaHorizon): options.EtaHorizon = -1; break;
            default: options.PromptPreviewLength = 0; break;
        }

        var error = Assert.Single(options.Validate());

        Assert.StartsWith(key + " is ", error, StringComparison.Ordinal);
        Assert.Contains("use", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_value_is_listed_not_only_the_first()
    {
        // The throw-first check stopped at AttachmentByteLimit, and the reply's pacing was named 'ReplyThrottle:…'.
        var options = new JobServiceOptions { AttachmentByteLimit = 10, LostRequeues = -1, Reply = new() { FinalAttempts = 0 } };

        var errors = options.Validate();

        Assert.Equal(3, errors.Count);
        Assert.StartsWith("ComfyBot:Jobs:AttachmentByteLimit is 10", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("ComfyBot:Jobs:LostRequeues is -1", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("ComfyBot:Jobs:Reply:FinalAttempts is 0", errors[2], StringComparison.Ordinal);
    }
}
