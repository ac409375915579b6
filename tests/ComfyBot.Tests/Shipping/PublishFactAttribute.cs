namespace ComfyBot.Tests.Shipping;

/// <summary>A fact that runs only with COMFYBOT_PUBLISH_TEST=1, because it publishes the app in Release.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PublishFactAttribute : FactAttribute
{
    public PublishFactAttribute()
    {
        if (!DockerPublishTests.Enabled)
        {
            Skip = "Publishes the app in Release (a minute or more); run with COMFYBOT_PUBLISH_TEST=1.";
        }
    }
}
