namespace ComfyBot.Core.Images;

/// <summary>Splits a job's images into messages: Discord takes at most ten attachments per message.</summary>
public static class AttachmentGroups
{
    /// <summary>The most attachments one Discord message may carry.</summary>
    public const int MaxPerMessage = 10;

    /// <summary>
    /// Groups <paramref name="items"/> in order into groups of <paramref name="groupSize"/>: the first group goes with
    /// the reply, each further group in a followup. No items give no groups.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="groupSize"/> is not 1…10.</exception>
    public static IReadOnlyList<IReadOnlyList<T>> Split<T>(IReadOnlyList<T> items, int groupSize = MaxPerMessage)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (groupSize is < 1 or > MaxPerMessage)
        {
            throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, $"A message carries 1 to {MaxPerMessage} attachments; pass a group size in that range.");
        }

        return [.. items.Chunk(groupSize)];
    }
}
