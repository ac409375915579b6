using ComfyBot.Discord;
using ComfyBot.Discord.Interactions;
using ComfyBot.Discord.Rest;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Tests.Replies;

/// <summary>
/// A deferred /imagine on an in-process FakeDiscord and a <see cref="DiscordJobView"/> for it; both read one fake
/// clock. FakeDiscord's rate-limit windows are off (scripted 429s still happen), so the client never parks on the
/// fake clock and no test needs to move time just to let a request through.
/// </summary>
internal sealed class ReplyBed : IAsyncDisposable
{
    public const string JobId = "job-1";
    public static readonly TimeSpan HangGuard = ComfyBot.Testing.TestGuards.HangGuard;
    public const string EditOriginal = "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original";

    private readonly HttpClient _http;

    private ReplyBed(FakeDiscordServer fake, FakeTimeProvider time, HttpClient http, DiscordRestClient rest, FakeInteraction interaction)
    {
        Fake = fake;
        Time = time;
        _http = http;
        Rest = rest;
        Interaction = interaction;
        Parsed = InteractionParser.Parse(interaction.Payload.GetRawText());
        View = new DiscordJobView(rest, ChatTarget.ForInteraction(JobId, Parsed), time);
    }

    public FakeDiscordServer Fake { get; }

    public FakeTimeProvider Time { get; }

    public DiscordRestClient Rest { get; }

    public FakeInteraction Interaction { get; }

    public Interaction Parsed { get; }

    public DiscordJobView View { get; }

    public FakeMessage Original => Interaction.OriginalMessage!;

    /// <summary>Messages the bot posted in the interaction's channel with its own token (not interaction responses).</summary>
    public IReadOnlyList<FakeMessage> ChannelMessages => [.. Fake.MessagesIn(Interaction.ChannelId).Where(m => m.InteractionId is null)];

    public static async Task<ReplyBed> StartAsync(InteractionOrigin? origin = null, int maxRateLimitRetries = 5, FakeTimeProvider? clock = null, int maxServerErrorRetries = 3)
    {
        var time = clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var fakeOptions = new FakeDiscordOptions { TimeProvider = time };
        fakeOptions.RateLimits.Enforce = false;
        var fake = await FakeDiscordServer.StartAsync(fakeOptions);
        var http = new HttpClient();
        var options = new DiscordRestOptions { BaseAddress = fake.BaseAddress, Token = fake.BotToken, MaxRateLimitRetries = maxRateLimitRetries, MaxServerErrorRetries = maxServerErrorRetries };
        var rest = new DiscordRestClient(http, options, time, NullLogger<DiscordRestClient>.Instance);
        var interaction = fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", "a lighthouse")], origin);
        await rest.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, ComfyBot.Discord.Responses.InteractionCallback.Defer(), withResponse: false, default);
        return new ReplyBed(fake, time, http, rest, interaction);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Fake.DisposeAsync();
    }
}
