using System.Globalization;
using System.Text;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using ComfyBot.Discord.Messages;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// One page of /comfy-admin audit: admin actions and refused prompts, newest first, ten to a page, with the paging
/// buttons of <see cref="AdminPager"/> (<c>admin-audit:&lt;page&gt;</c>). Mentions never ping: answers allow none.
/// </summary>
internal static class AdminAuditPage
{
    /// <summary>The custom id prefix of the paging buttons.</summary>
    public const string Prefix = "admin-audit";

    public const int PageSize = 10;

    /// <summary>Ten lines of this length and the header stay within Discord's 2,000 characters.</summary>
    private const int MaxLine = 190;

    /// <summary>Reads and renders 1-based <paramref name="page"/> (clamped to the pages there are).</summary>
    public static async Task<MessageBody> RenderAsync(AuditLog audit, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var count = await audit.CountAuditAsync(cancellationToken);
        var pages = AdminPager.Pages(count, PageSize);
        page = AdminPager.Clamp(page, pages);
        var records = await audit.ListAuditPageAsync((page - 1) * PageSize, PageSize, cancellationToken);
        return Render(records, count, page, pages);
    }

    /// <summary>The message for the records of one page.</summary>
    public static MessageBody Render(IReadOnlyList<AuditRecord> records, int count, int page, int pages)
    {
        ArgumentNullException.ThrowIfNull(records);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**Audit trail** · {count} {(count == 1 ? "entry" : "entries")}, newest first · page {page}/{pages}\n");
        if (count == 0)
        {
            text.Append("Nothing yet: admin actions (ban, cancel, clear, pause, filter changes…) and refused prompts show here.");
        }

        foreach (var record in records)
        {
            text.Append(MemberText.Cut(Line(record), MaxLine)).Append('\n');
        }

        return new MessageBody
        {
            Content = text.ToString().TrimEnd(),
            Components = [AdminPager.Buttons(Prefix, page, pages)],
        };
    }

    /// <summary>One record: when (UTC), who, what, on what, and the detail.</summary>
    public static string Line(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var when = record.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (record.Action == ModerationGate.FilterHitAction)
        {
            return $"`{when}` 🚫 prompt refused · <@{record.ActorId}> in {Channel(record.Target)} · rule {Plain(record.Detail)}";
        }

        var target = record.Target is null ? string.Empty : " " + Target(record.Action, record.Target);
        var detail = record.Detail is null ? string.Empty : " · " + Plain(record.Detail);
        return string.Create(CultureInfo.InvariantCulture, $"`{when}` <@{record.ActorId}> **{record.Action}**{target}{detail}");
    }

    // The member actions keep the member's id as their target; it reads as a mention.
    private static string Target(string action, string target) =>
        action is "ban" or "unban" or "cancel-user" && ulong.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? $"<@{target}>"
            : Plain(target);

    private static string Channel(string? target) =>
        ulong.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"<#{target}>" : Plain(target);

    private static string Plain(string? text) => text is null ? "-" : MemberText.EscapeAndCut(text, 80);
}
