namespace ComfyBot.Tests.Shipping;

/// <summary>A fact that publishes the app in Release; COMFYBOT_SKIP_PUBLISH_TEST=1 skips it for a quick local run.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PublishFactAttribute : FactAttribute
{
    public PublishFactAttribute()
    {
        if (!DockerPublishTests.Enabled)
        {
            Skip = "Skipped by COMFYBOT_SKIP_PUBLISH_TEST=1 (it publishes the app in Release, a minute or more).";
        }
    }
}
