using System.Globalization;

namespace ComfyBot.Buttons;

/// <summary>Job ids as people type them (<c>#12</c> or <c>12</c>) and as button custom ids carry them.</summary>
internal static class JobIds
{
    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        var trimmed = text?.Trim().TrimStart('#');
        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
