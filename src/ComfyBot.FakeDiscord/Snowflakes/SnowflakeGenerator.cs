namespace ComfyBot.FakeDiscord.Snowflakes;

/// <summary>
/// Issues Discord snowflakes whose timestamp part comes from the server's <see cref="TimeProvider"/>, so that a
/// client computing an interaction's age from its id (as Discord.Net does) sees fake time.
/// </summary>
internal sealed class SnowflakeGenerator(TimeProvider time)
{
    /// <summary>Discord's epoch, the first second of 2015, in Unix milliseconds.</summary>
    public const long DiscordEpochMilliseconds = 1_420_070_400_000;

    private readonly Lock gate = new();
    private ulong last;

    public ulong Next()
    {
        var milliseconds = (ulong)Math.Max(0, time.GetUtcNow().ToUnixTimeMilliseconds() - DiscordEpochMilliseconds);
        lock (gate)
        {
            // Same millisecond (fake time often stands still): the increment keeps ids unique and ordered.
            var candidate = (milliseconds << 22) | (1UL << 17);
            last = candidate > last ? candidate : last + 1;
            return last;
        }
    }

    public static DateTimeOffset CreatedAt(ulong snowflake) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(snowflake >> 22) + DiscordEpochMilliseconds);
}
