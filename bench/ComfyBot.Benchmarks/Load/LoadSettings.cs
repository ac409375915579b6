using System.Globalization;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Benchmarks.Load;

/// <summary>What a load run uses; every value has a command-line switch (see bench/README.md).</summary>
internal sealed record LoadSettings
{
    public int Jobs { get; init; }

    public int WarmUp { get; init; }

    public int Members { get; init; } = 1;

    public int Backends { get; init; } = 1;

    public int MaxInFlight { get; init; } = 2;

    /// <summary>Simulator speed; 0 is instant.</summary>
    public double StepsPerSecond { get; init; }

    public int Steps { get; init; } = 4;

    public bool Previews { get; init; } = true;

    /// <summary>Jobs:Reply:Interval; the deployment default is 1.5 s.</summary>
    public TimeSpan ReplyInterval { get; init; } = TimeSpan.FromSeconds(1.5);

    public int MaxQueuedPerMember { get; init; } = 3;

    /// <summary>Lifts FakeDiscord's message-write and global limits (still enforced) to isolate the bot's own cost from Discord's pacing.</summary>
    public bool LiftDiscordLimits { get; init; }

    /// <summary>Slash commands created per second when a run submits in bulk.</summary>
    public int Rate { get; init; } = 100;

    /// <summary>Policy role weights, one role each; member i holds role i mod their count. Empty: every member weight 1.</summary>
    public IReadOnlyList<double> RoleWeights { get; init; } = [];

    /// <summary>The role id <see cref="RoleWeights"/>[<paramref name="index"/>] is configured under.</summary>
    public static ulong RoleId(int index) => 1_500_000_000_000_000_000UL + (ulong)index;

    /// <summary>
    /// The run's <see cref="Members"/> as the origins of their commands, user ids from <paramref name="firstUserId"/> on:
    /// member i holds role i mod the count of <see cref="RoleWeights"/> (none when it is empty), as <see cref="ToString"/> says.
    /// </summary>
    public InteractionOrigin[] MemberOrigins(ulong firstUserId) => [.. Enumerable.Range(0, Members).Select(i => new InteractionOrigin
    {
        User = new(firstUserId + (ulong)i, $"member{i}", $"member{i}"),
        RoleIds = RoleWeights.Count == 0 ? [] : [RoleId(i % RoleWeights.Count)],
    })];

    /// <summary>Reads the switches over <paramref name="defaults"/>; an unknown switch or a bad value throws with the fix.</summary>
    public static LoadSettings Parse(string[] args, LoadSettings defaults)
    {
        var settings = defaults;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--no-previews")
            {
                settings = settings with { Previews = false };
                continue;
            }

            if (name == "--lift-discord-limits")
            {
                settings = settings with { LiftDiscordLimits = true };
                continue;
            }

            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            settings = name switch
            {
                "--jobs" => settings with { Jobs = Positive(name, value) },
                "--warmup" => settings with { WarmUp = NonNegative(name, value) },
                "--members" => settings with { Members = Positive(name, value) },
                "--backends" => settings with { Backends = Positive(name, value) },
                "--max-in-flight" => settings with { MaxInFlight = Positive(name, value) },
                "--steps" => settings with { Steps = Positive(name, value) },
                "--steps-per-second" => settings with { StepsPerSecond = NonNegative(name, value) },
                "--interval" => settings with { ReplyInterval = TimeSpan.FromMilliseconds(NonNegative(name, value)) },
                "--max-queued" => settings with { MaxQueuedPerMember = Positive(name, value) },
                "--rate" => settings with { Rate = Positive(name, value) },
                "--role-weights" => settings with { RoleWeights = Weights(name, value) },
                _ => throw new ArgumentException(
                    $"Unknown switch '{name}'. Use --jobs, --warmup, --members, --backends, --max-in-flight, --steps, --steps-per-second, --interval (ms), --max-queued, --rate, --role-weights (e.g. 1,1.5,2,3), --no-previews or --lift-discord-limits."),
            };
        }

        return settings;
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"jobs {Jobs} (+{WarmUp} warm-up), members {Members}, backends {Backends} x MaxInFlight {MaxInFlight}, simulator {(StepsPerSecond == 0 ? "instant" : $"{StepsPerSecond} steps/s")}, {Steps} steps, 64x64, batch 1, previews {(Previews ? "on" : "off")}, Jobs:Reply:Interval {ReplyInterval.TotalMilliseconds} ms, Policy:MaxQueuedPerMember {MaxQueuedPerMember}, role weights {(RoleWeights.Count == 0 ? "none (all 1)" : string.Join('/', RoleWeights) + " (member i holds role i mod " + RoleWeights.Count + ")")}, FakeDiscord limits {(LiftDiscordLimits ? "lifted (1000 message writes per 5 s, 10000/s global)" : "real (5 message writes per 5 s per token, 50/s global)")}");

    private static double[] Weights(string name, string value)
    {
        var parts = value.Split(',');
        var weights = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]) || !double.IsFinite(weights[i]) || weights[i] <= 0)
            {
                throw new ArgumentException($"{name} takes weights above 0 separated by commas, e.g. 1,1.5,2,3; got '{value}'.");
            }
        }

        return weights;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} takes a whole number above 0; got '{value}'.");

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} takes a whole number of 0 or more; got '{value}'.");
}
