using System.Globalization;

namespace ComfyBot.Core.Policies;

/// <summary>
/// An aspect ratio a member asks for (<c>/imagine ar: 16:9</c>), turned into a width and height: the pixel count
/// the template draws at (a model is trained near one size, so a wider image keeps that area rather than growing),
/// held to the member's pixel and side limits, both sides in multiples of 64 as latent sizes need.
/// </summary>
/// <param name="Width">The ratio's width part, e.g. 16.</param>
/// <param name="Height">The ratio's height part, e.g. 9.</param>
public sealed record AspectRatio(int Width, int Height)
{
    /// <summary>Both sides are multiples of this (a latent pixel is 8×8, and most models want 64).</summary>
    public const int Multiple = 64;

    /// <summary>The widest ratio accepted either way: beyond 4:1 a side falls to the minimum at ordinary sizes.</summary>
    public const double MaxStretch = 4;

    /// <summary>The area used when the template sets no size of its own: 1024×1024.</summary>
    public const long FallbackPixels = 1024 * 1024;

    /// <summary>Reads <c>W:H</c> (e.g. <c>16:9</c>, <c>2:3</c>); false with a message for the member otherwise.</summary>
    public static bool TryParse(string text, out AspectRatio ratio, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ratio = new AspectRatio(1, 1);
        error = null;
        var parts = text.Trim().Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || width is < 1 or > 100 || height is < 1 or > 100)
        {
            error = $"ar '{text}' is not an aspect ratio; write it as width:height with whole numbers up to 100, such as 16:9, 3:2 or 2:3.";
            return false;
        }

        if (Math.Max(width, height) > MaxStretch * Math.Min(width, height))
        {
            error = $"ar {width}:{height} is wider than {MaxStretch}:1 either way; pick a ratio between 1:4 and 4:1, such as 21:9.";
            return false;
        }

        ratio = new AspectRatio(width, height);
        return true;
    }

    /// <summary>
    /// The largest width and height of this ratio (multiples of <see cref="Multiple"/>, at least one multiple each)
    /// whose area is at most <paramref name="pixels"/> and whose sides are at most <paramref name="maxSide"/>.
    /// </summary>
    /// <param name="pixels">The area to aim at: the template's own width × height, or the member's limit when smaller.</param>
    /// <param name="maxSide">The member's side limit, if any.</param>
    public (int Width, int Height) Fit(long pixels, long? maxSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, (long)Multiple * Multiple);
        var ratio = (double)Width / Height;
        var side = maxSide is { } limit ? Math.Max(Multiple, limit / Multiple * Multiple) : int.MaxValue;

        // Start at the exact size of that area and ratio, rounded down to the grid, then give up width or height
        // (whichever brings the ratio closest) until the area and side limits hold.
        var width = Down(Math.Sqrt(pixels * ratio), side);
        var height = Down(Math.Sqrt(pixels / ratio), side);
        while ((long)width * height > pixels)
        {
            if (width > Multiple && (height == Multiple || (double)(width - Multiple) / height >= ratio))
            {
                width -= Multiple;
            }
            else
            {
                height -= Multiple;
            }
        }

        return (width, height);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}:{Height}");

    private static int Down(double value, long side) => (int)Math.Clamp((long)(value / Multiple) * Multiple, Multiple, side);
}
