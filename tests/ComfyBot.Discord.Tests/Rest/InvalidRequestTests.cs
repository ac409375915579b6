using ComfyBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class InvalidRequestTests
{
    [Fact]
    public async Task Unauthorized_AndForbidden_AreCounted_InATenMinuteWindow()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(401, """{"message":"401: Unauthorized","code":0}"""));
        bed.Handler.Enqueue(() => Respond(403, """{"message":"Missing Permissions","code":50013}"""));
        bed.Handler.Enqueue(() => Respond(404, """{"message":"Unknown Message","code":10008}"""));

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<DiscordRestException>(() => bed.Client.GetCurrentUserAsync(default));
        }

        Assert.Equal(2, bed.Client.InvalidRequestCount);
        bed.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(2, bed.Client.InvalidRequestCount);
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, bed.Client.InvalidRequestCount);
    }

    [Fact]
    public async Task CrossingTheThresholds_LogsAWarningThenAnError_Once()
    {
        var logger = new ListLogger<DiscordRestClient>();
        using var bed = new RestTestBed(o => { o.InvalidRequestWarningThreshold = 3; o.InvalidRequestErrorThreshold = 5; }, logger);
        bed.Handler.Fallback = _ => Respond(401, """{"message":"401: Unauthorized","code":0}""");

        for (var i = 0; i < 7; i++)
        {
            await Assert.ThrowsAsync<DiscordRestException>(() => bed.Client.GetCurrentUserAsync(default));
        }

        Assert.Equal(7, bed.Client.InvalidRequestCount);
        var alarms = logger.Entries.Where(e => e.Message.Contains("401/403/429", StringComparison.Ordinal)).ToList();
        Assert.Equal([LogLevel.Warning, LogLevel.Error], alarms.Select(a => a.Level));
        Assert.Contains("10000", alarms[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains(RestTestBed.Token, StringComparison.Ordinal));
    }
}
