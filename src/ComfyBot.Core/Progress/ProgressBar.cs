namespace ComfyBot.Core.Progress;

/// <summary>A text progress bar that reads the same in a terminal and in a Discord message.</summary>
public static class ProgressBar
{
    /// <summary>Renders <paramref name="fraction"/> (clamped to 0…1) as <paramref name="width"/> cells.</summary>
    public static string Render(double fraction, int width = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var clamped = double.IsNaN(fraction) ? 0 : Math.Clamp(fraction, 0, 1);
        var filled = (int)Math.Round(clamped * width, MidpointRounding.AwayFromZero);
        return new string('█', filled) + new string('░', width - filled);
    }
}
