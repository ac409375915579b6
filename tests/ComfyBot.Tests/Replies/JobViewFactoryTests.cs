using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Discord.Rest;
using ComfyBot.Replies;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Tests.Replies;

/// <summary>JobService's view factory: a stored target becomes the job's Discord reply; anything else a view that drops states.</summary>
public sealed class JobViewFactoryTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_FromStoredTarget_CarriesTheStoreIdIntoTheButtons()
    {
        using var http = new HttpClient();
        var factory = Factory(http, []);
        var target = ChatTarget.ForInteraction("new", 1, "secret-token", Created, 10, 20, null, null);

        var view = Assert.IsType<PersistedJobView>(factory.Create(Job(42, target.ToJson())));

        Assert.Equal("42", view.Inner.Target.JobId);
        Assert.Equal("secret-token", view.Inner.Target.Token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{ not json")]
    [InlineData("""{"job_id":"1"}""")]
    public async Task Create_WithoutUsableTarget_ReturnsAViewThatDropsStates(string? stored)
    {
        using var http = new HttpClient();
        var saved = new List<string>();
        var factory = Factory(http, saved);

        var view = factory.Create(Job(7, stored));

        Assert.Same(DetachedJobView.Instance, view);
        Assert.Equal(ReplySendResult.Sent, await view.ShowAsync(ReplyState.Final("Done"), default));
        Assert.Empty(saved);
    }

    private static JobViewFactory Factory(HttpClient http, List<string> saved) => new(
        new DiscordRestClient(http, new DiscordRestOptions { Token = "t" }, TimeProvider.System, NullLogger<DiscordRestClient>.Instance),
        TimeProvider.System,
        new DiscordJobViewOptions(),
        (_, json, _) =>
        {
            saved.Add(json);
            return Task.CompletedTask;
        },
        NullLogger<JobViewFactory>.Instance);

    private static Job Job(long id, string? target) => new()
    {
        Id = id,
        Owner = new JobOwner(1, "alice"),
        ChannelId = 20,
        Workflow = "txt2img",
        ChatTarget = target,
    };
}
