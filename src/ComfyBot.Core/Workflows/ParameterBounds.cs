using System.Globalization;

namespace ComfyBot.Core.Workflows;

/// <summary>The inclusive range a workflow allows for one numeric option.</summary>
/// <param name="Min">The smallest allowed value.</param>
/// <param name="Max">The largest allowed value.</param>
public sealed record ParameterBounds(double Min, double Max)
{
    /// <summary>Whether <paramref name="value"/> lies within <see cref="Min"/> … <see cref="Max"/>.</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    /// <summary>The range as members read it, e.g. <c>1-50</c> or <c>1.5-12</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Min:0.###}-{Max:0.###}");
}
