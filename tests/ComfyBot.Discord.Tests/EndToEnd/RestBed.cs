using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Tests.Rest;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>
/// Our REST client talking over loopback to an in-process FakeDiscord; both read one observed fake clock, so
/// FakeDiscord's rate-limit windows and the client's waits move together and only when a test moves them.
/// </summary>
internal sealed class RestBed : IAsyncDisposable
{
    public static readonly TimeSpan HangGuard = TestGuards.HangGuard;

    private Task<DateTimeOffset>? _nextTimer;

    private RestBed(FakeDiscordServer fake, TimerWatchingClock time, DiscordRestOptions options)
    {
        Fake = fake;
        Time = time;
        Http = new HttpClient();
        Client = new DiscordRestClient(Http, options, time, Logger);
    }

    public FakeDiscordServer Fake { get; }

    public TimerWatchingClock Time { get; }

    public HttpClient Http { get; }

    public DiscordRestClient Client { get; }

    public ListLogger<DiscordRestClient> Logger { get; } = new();

    public Snowflake ApplicationId => new(Fake.ApplicationId);

    public Snowflake ChannelId => new(Fake.Guilds[0].Channels[0].Id);

    public static async Task<RestBed> StartAsync(Action<FakeDiscordOptions>? fake = null, Action<DiscordRestOptions>? client = null)
    {
        var time = new TimerWatchingClock(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var fakeOptions = new FakeDiscordOptions { TimeProvider = time };
        fake?.Invoke(fakeOptions);
        var server = await FakeDiscordServer.StartAsync(fakeOptions);
        var options = new DiscordRestOptions { BaseAddress = server.BaseAddress, Token = server.BotToken, ServerErrorBaseDelay = TimeSpan.FromSeconds(1) };
        client?.Invoke(options);
        return new RestBed(server, time, options);
    }

    /// <summary>A slash command FakeDiscord created (and would dispatch), as the gateway would hand it to us.</summary>
    public FakeInteraction Imagine(string prompt = "a lighthouse") =>
        Fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", prompt)]);

    /// <summary>
    /// Lets <paramref name="work"/> run on fake time: whenever the client parks on a timer, moves the clock by
    /// exactly that timer's due time; returns the total fake time that passed. Requests still in flight would see
    /// the clock jump under them (a 5 s network delay), so use it where the client awaits one call at a time.
    /// </summary>
    public async Task<TimeSpan> DriveAsync(Task work)
    {
        var passed = TimeSpan.Zero;
        while (!work.IsCompleted)
        {
            // A read left pending when the work finished is kept for the next drive, so no timer is ever lost.
            _nextTimer ??= Time.NextTimerDueAtAsync();
            var first = await Task.WhenAny(work, _nextTimer).WaitAsync(HangGuard);
            if (first == _nextTimer)
            {
                var due = await _nextTimer - Time.GetUtcNow();
                _nextTimer = null;
                // Several waiters park on the same instant; one move fires them all, later reports are stale.
                if (due > TimeSpan.Zero)
                {
                    Time.Advance(due);
                    passed += due;
                }
            }
        }

        await work;
        return passed;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Fake.DisposeAsync();
    }
}
