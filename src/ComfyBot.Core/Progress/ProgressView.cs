using System.Globalization;
using ComfyBot.Comfy.Tracking;

namespace ComfyBot.Core.Progress;

/// <summary>
/// The text of a job's reply in each state. The Discord reply and the CLI demo show the same words, so what a
/// newcomer sees in the demo is what members see in Discord.
/// </summary>
public static class ProgressView
{
    /// <summary>
    /// Waiting: the place in line (1 = next), how many run before it, and an estimate when one is known. A place that
    /// is not kept current (far back in a long queue) says when it was true, <paramref name="asOf"/>, as Discord's
    /// relative timestamp (<c>&lt;t:unix:R&gt;</c>, shown to each member as "2 minutes ago" and kept ticking by the client).
    /// </summary>
    public static string Queued(int position, int ahead, TimeSpan? eta = null, DateTimeOffset? asOf = null)
    {
        var text = QueuedLine(position, ahead, eta);
        return asOf is { } at ? string.Create(CultureInfo.InvariantCulture, $"{text} · as of <t:{at.ToUnixTimeSeconds()}:R>") : text;
    }

    private static string QueuedLine(int position, int ahead, TimeSpan? eta)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"⏳ Queued: #{position} in line");
        if (ahead > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $" ({ahead} ahead)");
        }

        return eta is { } e && e > TimeSpan.Zero ? $"{line}, starts in about {Duration(e)}" : line;
    }

    /// <summary>
    /// Running: the node, and for a node that counts steps (a sampler) its step k/N with a bar and a percentage of
    /// those same steps; then the images ready and the time since the job started running.
    /// </summary>
    /// <remarks>
    /// The bar and the percentage show one quantity, the running node's steps, because that is the one ComfyUI
    /// measures. A share of the prompt's nodes is not progress: the sampler is one node of seven and nearly all the
    /// time, so it read 57% before the first step. A node without steps shows neither.
    /// </remarks>
    public static string Running(JobRunning running, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(running);
        var node = running.NodeTitle ?? running.NodeId ?? "starting";
        var steps = string.Empty;
        if (running.Steps > 0)
        {
            var fraction = Math.Clamp((double)running.Step / running.Steps, 0, 1);
            steps = string.Create(
                CultureInfo.InvariantCulture,
                $" · step {running.Step}/{running.Steps} {ProgressBar.Render(fraction)} {Math.Floor(fraction * 100)}%");
        }

        var ready = running.Outputs.Count switch
        {
            0 => string.Empty,
            1 => " · 1 image ready",
            var n => string.Create(CultureInfo.InvariantCulture, $" · {n} images ready"),
        };
        return $"🎨 {node}{steps}{ready} · {Duration(elapsed)}";
    }

    /// <summary>
    /// What distinguishes one displayed state from the next, without the clock or the preview bytes: two snapshots
    /// with the same identity show the same thing, so only one of them needs an edit.
    /// </summary>
    public static string Identity(JobSnapshot snapshot) => snapshot switch
    {
        JobQueued q => string.Create(CultureInfo.InvariantCulture, $"queued {q.Position} {q.Ahead}"),
        JobRunning r => string.Create(CultureInfo.InvariantCulture, $"running {r.NodeId} {r.Step}/{r.Steps} {r.Outputs.Count}"),
        _ => snapshot.ToString(),
    };

    /// <summary>Finished: how many images, the seed that made them and the time taken.</summary>
    public static string Done(int imageCount, ulong? seed, TimeSpan elapsed)
    {
        var images = imageCount == 1 ? "1 image" : string.Create(CultureInfo.InvariantCulture, $"{imageCount} images");
        var seedText = seed is { } s ? string.Create(CultureInfo.InvariantCulture, $" · seed {s}") : string.Empty;
        return $"✅ Done: {images}{seedText} · {Duration(elapsed)}";
    }

    /// <summary>A final state other than success, told plainly.</summary>
    public static string Ended(JobOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome switch
        {
            JobFailed f => $"❌ Failed in node {f.NodeId} ({f.NodeTitle ?? f.ClassType}): {f.ExceptionType}: {f.ExceptionMessage?.Trim()}",
            JobInterrupted => "⏹️ Interrupted on the GPU server before it finished.",
            JobLost l => $"⚠️ The GPU server lost this job ({l.Reason}).",
            JobSucceeded s when OutcomeNotes.ImageCount(s) == 0 => OutcomeNotes.NoImage(s),
            JobSucceeded s => Done(OutcomeNotes.ImageCount(s), null, TimeSpan.Zero),
            _ => outcome.ToString(),
        };
    }

    /// <summary>A short human duration: 4.2s, 1m 05s, 1h 02m.</summary>
    public static string Duration(TimeSpan value)
    {
        if (value < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.0}s");
        }

        return value < TimeSpan.FromHours(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalMinutes}m {value.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours}h {value.Minutes:00}m");
    }
}
