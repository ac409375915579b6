using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.Benchmarks.Load;

/// <summary>
/// Checks what FakeDiscord ends up holding for each /imagine: the original response must end in exactly one final
/// state, the done state with its images, and nothing final may appear twice (in the history, a followup or a
/// channel message the bot posted itself).
/// </summary>
internal sealed class ReplyAudit
{
    private ReplyAudit(int delivered, int lost, int duplicated, int moved, IReadOnlyList<string> examples)
    {
        Delivered = delivered;
        Lost = lost;
        Duplicated = duplicated;
        Moved = moved;
        Examples = examples;
    }

    /// <summary>Replies whose last state is the one and only final state, done with every image.</summary>
    public int Delivered { get; }

    /// <summary>Replies with no final state, a final state without its images, or a failure.</summary>
    public int Lost { get; }

    /// <summary>Replies that show a final state more than once (history, followups or bot-posted channel messages).</summary>
    public int Duplicated { get; }

    /// <summary>Channel messages posted with the bot token (moved replies); a load run this short should have none.</summary>
    public int Moved { get; }

    /// <summary>The first few problems, for the printout.</summary>
    public IReadOnlyList<string> Examples { get; }

    /// <summary>Whether a reply's text is a final state (done, failed, interrupted, cancelled), as the end-to-end tests read it.</summary>
    public static bool IsFinal(string content) =>
        content.StartsWith('✅') || content.StartsWith('❌')
        || content.StartsWith("⏹️", StringComparison.Ordinal) || content.StartsWith("🚫", StringComparison.Ordinal);

    public static ReplyAudit Of(FakeDiscordServer fake, IReadOnlyList<FakeInteraction> interactions, int imagesPerJob)
    {
        int delivered = 0, lost = 0, duplicated = 0;
        var examples = new List<string>();
        foreach (var interaction in interactions)
        {
            var history = interaction.OriginalMessage?.History ?? [];
            var finals = history.Count(s => IsFinal(s.Content))
                + interaction.Followups.Sum(f => f.History.Count(s => IsFinal(s.Content)));
            var last = history.Count > 0 ? history[^1] : null;
            var done = last is not null && last.Content.StartsWith('✅') && last.Attachments.Count == imagesPerJob;
            if (finals > 1)
            {
                duplicated++;
                Note(examples, $"{interaction}: {finals} final states");
            }

            if (done && finals == 1)
            {
                delivered++;
            }
            else if (finals <= 1)
            {
                lost++;
                Note(examples, $"{interaction}: ends in {Describe(last)} after {history.Count} states");
            }
        }

        var channels = interactions.Select(i => i.ChannelId).Distinct();
        var moved = channels.Sum(c => fake.MessagesIn(c).Count(m => m.InteractionId is null));
        return new ReplyAudit(delivered, lost, duplicated, moved, examples);
    }

    private static string Describe(MessageState? state)
    {
        if (state is null)
        {
            return "no response";
        }

        var text = state.Content.ReplaceLineEndings(" ");
        return $"'{text[..Math.Min(120, text.Length)]}' with {state.Attachments.Count} file(s)";
    }

    private static void Note(List<string> examples, string problem)
    {
        if (examples.Count < 5)
        {
            examples.Add(problem);
        }
    }
}
