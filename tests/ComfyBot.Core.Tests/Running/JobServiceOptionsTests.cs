using ComfyBot.Core.Running;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => new JobServiceOptions().Validate();

    [Theory]
    [InlineData(nameof(JobServiceOptions.AttachmentByteLimit), "Jobs:AttachmentByteLimit")]
    [InlineData(nameof(JobServiceOptions.ConnectTimeout), "Jobs:ConnectTimeout")]
    [InlineData(nameof(JobServiceOptions.OfflineRetryDelay), "Jobs:OfflineRetryDelay")]
    [InlineData(nameof(JobServiceOptions.LostRequeues), "Jobs:LostRequeues")]
    [InlineData(nameof(JobServiceOptions.EtaHorizon), "Jobs:EtaHorizon")]
    [InlineData(nameof(JobServiceOptions.PromptPreviewLength), "Jobs:PromptPreviewLength")]
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

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("use", error.Message, StringComparison.Ordinal);
    }
}
