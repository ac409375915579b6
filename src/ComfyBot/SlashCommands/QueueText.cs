using System.Globalization;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;

namespace ComfyBot.SlashCommands;

/// <summary>How /queue and the admin listing describe a job's place, its age and its prompt.</summary>
internal static class QueueText
{
    // The prompt's start as listed, its ellipsis included: one line of a listing per job.
    private const int PromptWidth = 41;

    /// <summary>Where the job is: its place among waiting jobs, or the GPU server it is queued or running on.</summary>
    public static string Where(QueueEntry entry, int waiting)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry switch
        {
            { Position: { } position } => string.Create(CultureInfo.InvariantCulture, $"⏳ #{position} of {waiting} waiting"),
            { Job.State: JobState.Running } => $"🎨 running on {entry.Job.Backend ?? "a GPU server"}",
            _ => $"📤 sent to {entry.Job.Backend ?? "a GPU server"}",
        };
    }

    /// <summary>A short age: <c>42s</c>, <c>4m 05s</c>, <c>2h 07m</c>.</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours}h {age.Minutes:00}m")
            : age.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{age.Minutes}m {age.Seconds:00}s")
                : string.Create(CultureInfo.InvariantCulture, $"{age.Seconds}s");
    }

    /// <summary>
    /// The start of a prompt on one line, in quotes, with Discord markdown escaped so a member's text cannot
    /// reformat the listing.
    /// </summary>
    public static string Prompt(string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return "(no prompt)";
        }

        return "“" + MemberText.Escape(MemberText.Cut(prompt.Trim(), PromptWidth)) + "”";
    }
}
