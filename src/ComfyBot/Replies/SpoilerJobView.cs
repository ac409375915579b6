using ComfyBot.Core.Progress;

namespace ComfyBot.Replies;

/// <summary>
/// A job's reply whose images and previews are spoilers: each file name gets Discord's <c>SPOILER_</c> prefix, which
/// its clients show blurred until clicked (and Discord marks with the attachment flag IS_SPOILER).
/// </summary>
internal sealed class SpoilerJobView(IJobView inner) : IJobView
{
    /// <summary>The prefix Discord shows as a spoiler.</summary>
    public const string Prefix = "SPOILER_";

    public ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var spoiled = state with
        {
            Preview = state.Preview is { } preview ? preview with { FileName = Spoiled(preview.FileName) } : null,
            Images = [.. state.Images.Select(i => i with { FileName = Spoiled(i.FileName) })],
        };
        return inner.ShowAsync(spoiled, cancellationToken);
    }

    /// <summary><paramref name="replacement"/>, with the spoiler prefix when <paramref name="original"/> had it.</summary>
    public static string KeepPrefix(string original, string replacement) =>
        original.StartsWith(Prefix, StringComparison.Ordinal) ? Spoiled(replacement) : replacement;

    private static string Spoiled(string name) => name.StartsWith(Prefix, StringComparison.Ordinal) ? name : Prefix + name;
}
