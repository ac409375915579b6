using ComfyBot.Discord.Rest;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Tests.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue 5: with everything logged at Trace, no line holds the bot token or an interaction token.</summary>
public sealed class TokenScrubbingTests
{
    [Fact]
    public async Task TraceLog_OfJobsAndButtonClicks_HoldsNoTokenAndNamesTheJob()
    {
        var log = new CapturedLog();
        await using var bed = await BotBed.StartAsync(new BotBedOptions
        {
            ConfigureLogging = logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Trace),
            ConfigureServices = services => services.AddHttpClient(DiscordRestServiceCollectionExtensions.HttpClientName)
                .AddHttpMessageHandler(p => new WireLoggingHandler(p.GetRequiredService<ILoggerFactory>().CreateLogger("Test.Wire"))),
        });

        var imagine = bed.Imagine("a secret-free log", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(imagine);
        var click = bed.Click(reply, BotBed.Button(reply, "details"));
        await bed.WaitForAnswerAsync(click);
        var failing = bed.Imagine("fails", null, SlashCommandOption.Text("workflow", "fail"));
        await bed.WaitForDoneAsync(failing);
        await bed.StopHostAsync();

        var entries = log.Entries;
        Assert.NotEmpty(entries);
        string[] tokens = [bed.Fake.BotToken, imagine.Token, click.Token, failing.Token];
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(entries, e => e.Contains(token, StringComparison.Ordinal));
        }

        // The careless component did log the requests, with their routes, and what would have been tokens.
        Assert.Contains(entries, e => e.StartsWith("Trace Test.Wire", StringComparison.Ordinal) && e.Contains("/webhooks/", StringComparison.Ordinal) && e.Contains("[redacted]", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("Authorization=Bot [redacted]", StringComparison.Ordinal));

        // The job's own lines (tracker, client, reply) carry its id as a scope.
        Assert.True(entries.Any(e => e.Contains("JobId=1", StringComparison.Ordinal) && !e.Contains("JobService", StringComparison.Ordinal)), string.Join('\n', entries));
    }
}
