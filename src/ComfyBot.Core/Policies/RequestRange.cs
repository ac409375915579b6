using System.Globalization;

namespace ComfyBot.Core.Policies;

/// <summary>Checks a request's numbers against a member's limits; every problem is reported at once.</summary>
internal static class RequestRange
{
    public static PolicyRefusal? Check(JobRequest request, MemberLimits limits)
    {
        var problems = new List<string>();
        Count("steps", request.Steps, limits.Steps, problems);
        Count("width", request.Width, limits.Side, problems);
        Count("height", request.Height, limits.Side, problems);
        Count("batch", request.Batch, limits.Batch, problems);
        if (request is { Width: > 0 and var width, Height: > 0 and var height } && limits.Pixels is { } pixels && (long)width * height > pixels.Value)
        {
            var (w, h) = Fit(width, height, pixels.Value);
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"size {width}x{height} ({(long)width * height:N0} pixels) is above your limit of {pixels.Value:N0} pixels ({pixels.Source}); try {w}x{h} or smaller"));
        }

        return problems.Count == 0 ? null : new PolicyRefusal(RefusalReason.OutOfRange, string.Join('\n', problems));
    }

    private static void Count(string name, int? value, Limit? limit, List<string> problems)
    {
        if (value is not { } v)
        {
            return;
        }

        var range = limit is null ? "use 1 or more" : $"use 1-{limit.Value}";
        if (v < 1)
        {
            problems.Add($"{name} {v} is below 1; {range}");
        }
        else if (limit is not null && v > limit.Value)
        {
            problems.Add($"{name} {v} is above your limit of {limit.Value} ({limit.Source}); {range}");
        }
    }

    // The same shape scaled into the pixel budget, on the multiple-of-8 grid latent images need.
    private static (long Width, long Height) Fit(int width, int height, long maxPixels)
    {
        var scale = Math.Sqrt((double)maxPixels / ((double)width * height));
        return (Math.Max(8, (long)(width * scale) / 8 * 8), Math.Max(8, (long)(height * scale) / 8 * 8));
    }
}
