using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class GlobalLimitTests
{

    [Fact]
    public async Task FiftyRequestsPerSecond_TheFiftyFirstWaitsForTheWindow()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, Canned.User);
        await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);

        var batch = Enumerable.Range(0, 49).Select(_ => bed.Client.GetCurrentUserAsync(default)).ToList();
        await Task.WhenAll(batch).WaitAsync(HangGuard);
        var fiftyFirst = bed.Client.GetCurrentUserAsync(default);

        Assert.Equal(TimeSpan.FromSeconds(1), await bed.Time.NextTimerAsync());
        Assert.Equal(50, bed.Handler.Requests.Count);
        bed.Time.Advance(TimeSpan.FromSeconds(1));
        await fiftyFirst.WaitAsync(HangGuard);
        Assert.Equal(51, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task InteractionRoutes_AreExemptFromTheGlobalCount()
    {
        using var bed = new RestTestBed(o => o.GlobalRequestsPerSecond = 1);
        bed.Handler.Fallback = r => r.Method == HttpMethod.Post ? Respond(204) : Respond(200, r.PathAndQuery.Contains("webhooks", StringComparison.Ordinal) ? Canned.Message() : Canned.User);
        await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);

        await bed.Client.CreateInteractionResponseAsync(new Snowflake(5), RestTestBed.InteractionToken, InteractionCallback.Defer(), false, default).WaitAsync(HangGuard);
        await bed.Client.EditOriginalResponseAsync(new Snowflake(6), RestTestBed.InteractionToken, MessageBody.FromContent("50%"), default).WaitAsync(HangGuard);
        Assert.False(bed.Time.HasPendingTimer);

        var botRoute = bed.Client.GetCurrentUserAsync(default);
        Assert.Equal(TimeSpan.FromSeconds(1), await bed.Time.NextTimerAsync());
        bed.Time.Advance(TimeSpan.FromSeconds(1));
        await botRoute.WaitAsync(HangGuard);
        Assert.Equal(4, bed.Handler.Requests.Count);
    }
}
