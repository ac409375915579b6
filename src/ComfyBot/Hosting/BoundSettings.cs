namespace ComfyBot.Hosting;

/// <summary>An inclusive range for one template parameter (<c>ComfyBot:Templates:N:Bounds:steps</c>).</summary>
internal sealed class BoundSettings
{
    /// <summary>The least allowed value; null for no lower bound.</summary>
    public double? Min { get; set; }

    /// <summary>The greatest allowed value; null for no upper bound.</summary>
    public double? Max { get; set; }
}
