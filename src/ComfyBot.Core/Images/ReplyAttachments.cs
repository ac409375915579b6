using System.Globalization;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Images;

/// <summary>Turns a finished job's images into attachments: an optional grid, each fitted to the limit, grouped by ten.</summary>
public static class ReplyAttachments
{
    /// <summary>
    /// Fits every output into <paramref name="byteLimit"/> (the interaction's attachment_size_limit) and groups them
    /// by message. With <paramref name="withGrid"/> and exactly four outputs, a 2×2 grid named grid.png comes first,
    /// followed by the four images so each can still be saved on its own.
    /// </summary>
    /// <exception cref="ArgumentException">An output is not a decodable image (its file name is named).</exception>
    /// <exception cref="InvalidOperationException">An output cannot fit the limit even at the smallest allowed size.</exception>
    public static PreparedAttachments Prepare(
        IReadOnlyList<ReplyImage> outputs,
        long byteLimit,
        bool withGrid = false,
        ImageFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var fitted = new List<FittedImage>(outputs.Count + 1);
        if (withGrid && outputs.Count == ImageGrid.Count)
        {
            var grid = ImageGrid.Compose([.. outputs.Select(o => o.Content)]);
            fitted.Add(ImageFitter.Fit(grid, "grid.png", byteLimit, options));
        }

        fitted.AddRange(outputs.Select(o => ImageFitter.Fit(o.Content, o.FileName, byteLimit, options)));
        var groups = AttachmentGroups.Split([.. fitted.Select(f => f.ToReplyImage())]);
        return new PreparedAttachments(fitted, groups, Describe(fitted, byteLimit));
    }

    private static string? Describe(List<FittedImage> fitted, long byteLimit)
    {
        var changed = fitted.Where(f => f.Fit != ImageFit.Unchanged).ToList();
        if (changed.Count == 0)
        {
            return null;
        }

        if (fitted.Count == 1)
        {
            return changed[0].Note;
        }

        var count = string.Create(CultureInfo.InvariantCulture, $"{changed.Count} of {fitted.Count} images");
        if (changed.Select(c => c.Note).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            return $"{count} {changed[0].Note}";
        }

        var format = changed[0].MediaType == "image/webp" ? "WebP" : "JPEG";
        return $"{count} re-encoded as {format}, some scaled down, to fit Discord's {FittedImage.DescribeLimit(byteLimit)} limit";
    }
}
