namespace ComfyBot.Core.Images;

/// <summary>How <see cref="ImageFitter"/> shrinks an image that is over the limit.</summary>
public sealed class ImageFitOptions
{
    /// <summary>The format an image over the limit is re-encoded to.</summary>
    /// <value><see cref="FittedImageFormat.Jpeg"/>.</value>
    public FittedImageFormat Format { get; set; } = FittedImageFormat.Jpeg;

    /// <summary>The encoder qualities tried in order, best first; the last one is also used when scaling down.</summary>
    /// <value>92, 84, 76, 68, 60.</value>
    public IReadOnlyList<int> Qualities { get; set; } = [92, 84, 76, 68, 60];

    /// <summary>Scaling down stops before either side would get shorter than this; a fit that needs less fails.</summary>
    /// <value>64 pixels.</value>
    public int MinimumSide { get; set; } = 64;

    /// <summary>Every value that cannot work, each naming the option and its fix; empty when all can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Format))
        {
            problems.Add($"ImageFitOptions.Format is {(int)Format}; use Jpeg or Webp (default Jpeg).");
        }

        if (Qualities is null || Qualities.Count == 0 || Qualities.Any(q => q is < 1 or > 100))
        {
            var given = Qualities is null ? "null" : $"[{string.Join(", ", Qualities)}]";
            problems.Add($"ImageFitOptions.Qualities is {given}; list one or more qualities between 1 and 100, best first (default 92, 84, 76, 68, 60).");
        }

        if (MinimumSide < 1)
        {
            problems.Add($"ImageFitOptions.MinimumSide is {MinimumSide}; set it to 1 or more pixels (default 64).");
        }

        return problems;
    }
}
