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

    /// <summary>Throws when a value cannot work, naming the key and the fix.</summary>
    public void Validate()
    {
        if (Qualities is null || Qualities.Count == 0 || Qualities.Any(q => q is < 1 or > 100))
        {
            throw new ArgumentException("ImageFit:Qualities must list one or more qualities between 1 and 100, best first (default 92, 84, 76, 68, 60).", nameof(Qualities));
        }

        if (MinimumSide < 1)
        {
            throw new ArgumentException($"ImageFit:MinimumSide is {MinimumSide}; set it to 1 or more pixels (default 64).", nameof(MinimumSide));
        }
    }
}
