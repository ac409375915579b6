using System.Globalization;
using ComfyBot.Discord.Messages;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// The paging of the admin listings (queue, audit, usage): 1-based pages clamped to those there are, and
/// Previous / Refresh / Next buttons whose custom ids carry the page they show (<c>&lt;prefix&gt;:&lt;page&gt;</c>).
/// </summary>
internal static class AdminPager
{
    /// <summary>How many pages <paramref name="count"/> items fill (at least one, for the empty listing).</summary>
    public static int Pages(int count, int pageSize) => Math.Max(1, (count + pageSize - 1) / pageSize);

    /// <summary><paramref name="page"/> within 1…<paramref name="pages"/>.</summary>
    public static int Clamp(int page, int pages) => Math.Clamp(page, 1, pages);

    /// <summary>The page a button's argument names; false when it names none.</summary>
    public static bool TryParse(string argument, out int page) =>
        int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out page);

    /// <summary>The row of Previous / Refresh / Next for <paramref name="page"/> of <paramref name="pages"/>.</summary>
    public static ActionRow Buttons(string prefix, int page, int pages) =>
        ActionRow.Of(
            Button.Action(ButtonStyle.Secondary, Id(prefix, page - 1), "◀ Previous") with { Disabled = page == 1 },
            Button.Action(ButtonStyle.Secondary, Id(prefix, page), "Refresh"),
            Button.Action(ButtonStyle.Secondary, Id(prefix, page + 1), "Next ▶") with { Disabled = page == pages });

    private static string Id(string prefix, int page) => string.Create(CultureInfo.InvariantCulture, $"{prefix}:{page}");
}
