using System.Globalization;
using System.Text;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Discord.Messages;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// One page of the admin queue listing: every running and waiting job (jobs on GPU servers first, then the waiting
/// ones in the order they start) with place, member, channel, workflow, age, backend and the start of the prompt;
/// the paging buttons of <see cref="AdminPager"/> carry the page they show (<c>admin-queue:&lt;page&gt;</c>).
/// </summary>
internal static class AdminQueuePage
{
    /// <summary>The custom id prefix of the paging buttons.</summary>
    public const string Prefix = "admin-queue";

    public const int PageSize = 10;

    /// <summary>Ten lines of this length and the header stay within Discord's 2,000 characters (the buttons edit the message directly).</summary>
    private const int MaxLine = 190;

    /// <summary>The message for 1-based <paramref name="page"/> (clamped to the pages there are).</summary>
    public static MessageBody Render(IReadOnlyList<QueueEntry> queue, int page, bool paused)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var pages = AdminPager.Pages(queue.Count, PageSize);
        page = AdminPager.Clamp(page, pages);
        var waiting = queue.Count(e => e.Position is not null);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**Queue** · {queue.Count - waiting} on GPU servers, {waiting} waiting{(paused ? " · ⏸️ paused" : string.Empty)} · page {page}/{pages}\n");
        if (queue.Count == 0)
        {
            text.Append("No jobs are waiting or running.");
        }

        foreach (var entry in queue.Skip((page - 1) * PageSize).Take(PageSize))
        {
            var job = entry.Job;
            text.Append(Fit(string.Create(CultureInfo.InvariantCulture, $"`{job.DisplayId}` {QueueText.Where(entry, waiting)} · {Name(job.Owner.DisplayName)} · <#{job.ChannelId}> · {job.Workflow} · {QueueText.Age(entry.Age)} · {QueueText.Prompt(job.Parameters.Prompt)}"))).Append('\n');
        }

        return new MessageBody
        {
            Content = text.ToString().TrimEnd(),
            Components = [AdminPager.Buttons(Prefix, page, pages)],
        };
    }

    /// <summary>A line cut to <see cref="MaxLine"/>, never ending in a lone escaping backslash.</summary>
    private static string Fit(string line) =>
        MemberText.Cut(line, MaxLine);

    /// <summary>A member's name in bold, with the characters that would end the bold escaped.</summary>
    private static string Name(string name) => "**" + MemberText.Escape(MemberText.Cut(name, 33)) + "**";
}
