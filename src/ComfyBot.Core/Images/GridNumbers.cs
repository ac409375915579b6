using SkiaSharp;

namespace ComfyBot.Core.Images;

/// <summary>
/// The number badge of a grid cell: a dark disc with a white digit drawn as seven-segment strokes. Strokes, not a
/// font: a server without fonts (a slim container) draws the same digits, and the output does not depend on which
/// typeface the machine has.
/// </summary>
internal static class GridNumbers
{
    // Segments a (top), b (top right), c (bottom right), d (bottom), e (bottom left), f (top left), g (middle).
    private static readonly string[] Segments = ["abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"];

    /// <summary>Draws <paramref name="number"/> (0-9) in the top-left corner of <paramref name="cell"/>; a cell too small for a legible badge gets none.</summary>
    public static void Draw(SKCanvas canvas, SKRect cell, int number)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 9);
        var radius = Math.Max(6f, Math.Min(cell.Width, cell.Height) / 12f);
        var margin = Math.Max(3f, radius / 2f);
        if ((2 * radius) + (2 * margin) > Math.Min(cell.Width, cell.Height))
        {
            return;
        }

        var centre = new SKPoint(cell.Left + margin + radius, cell.Top + margin + radius);
        using var disc = new SKPaint { Color = new SKColor(0, 0, 0, 200), IsAntialias = true, Style = SKPaintStyle.Fill };
        canvas.DrawCircle(centre, radius, disc);

        var halfWidth = radius * 0.32f;
        var halfHeight = radius * 0.55f;
        float left = centre.X - halfWidth, right = centre.X + halfWidth, top = centre.Y - halfHeight, bottom = centre.Y + halfHeight, middle = centre.Y;
        using var stroke = new SKPaint
        {
            Color = SKColors.White,
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeWidth = Math.Max(1.5f, radius * 0.18f),
            StrokeCap = SKStrokeCap.Round,
        };
        foreach (var segment in Segments[number])
        {
            var (x0, y0, x1, y1) = segment switch
            {
                'a' => (left, top, right, top),
                'b' => (right, top, right, middle),
                'c' => (right, middle, right, bottom),
                'd' => (left, bottom, right, bottom),
                'e' => (left, middle, left, bottom),
                'f' => (left, top, left, middle),
                _ => (left, middle, right, middle),
            };
            canvas.DrawLine(x0, y0, x1, y1, stroke);
        }
    }
}
