namespace ComfyBot.Hosting;

/// <summary>
/// The clocks the bot runs on. <see cref="Reply"/> decides when an interaction token is near its end; tests move it
/// (with FakeDiscord on the same fake clock) while the job machinery keeps real time.
/// </summary>
/// <param name="Time">Everything else: jobs, backends, REST pacing, the store.</param>
/// <param name="Reply">Token expiry of replies; usually <paramref name="Time"/>.</param>
internal sealed record BotClocks(TimeProvider Time, TimeProvider Reply)
{
    /// <summary>The system clock for both.</summary>
    public static BotClocks System { get; } = new(TimeProvider.System, TimeProvider.System);
}
