using ComfyBot.Core.Progress;

namespace ComfyBot.Replies;

/// <summary>The view of a job whose reply cannot be reached (no or unreadable chat target): it accepts and drops every state.</summary>
internal sealed class DetachedJobView : IJobView
{
    public static readonly DetachedJobView Instance = new();

    private DetachedJobView()
    {
    }

    public ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken) => ValueTask.FromResult(ReplySendResult.Sent);
}
