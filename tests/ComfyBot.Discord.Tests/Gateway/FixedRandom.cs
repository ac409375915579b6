namespace ComfyBot.Discord.Tests.Gateway;

/// <summary>A Random that always returns the same fraction, so jitter is predictable.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
