using ComfyBot.Core.Progress;
using ComfyBot.Replies;

namespace ComfyBot.Tests.Replies;

/// <summary>A spoiler reply: every image and preview goes out with Discord's SPOILER_ prefix, the preview too after ReplyMessage names it.</summary>
public sealed class SpoilerJobViewTests
{
    [Fact]
    public async Task Show_PrefixesTheImagesAndThePreview_OnceEach()
    {
        var inner = new RecordingView();
        var view = new SpoilerJobView(inner);
        var image = new ReplyImage("ComfyBot_00001_.png", "image/png", new byte[] { 1 });

        await view.ShowAsync(ReplyState.Progress("🎨 running", image), default);
        await view.ShowAsync(ReplyState.Final("✅ Done", [image, image with { FileName = "SPOILER_b.png" }]), default);

        Assert.Equal("SPOILER_ComfyBot_00001_.png", inner.States[0].Preview!.FileName);
        Assert.Equal(["SPOILER_ComfyBot_00001_.png", "SPOILER_b.png"], inner.States[1].Images.Select(i => i.FileName));

        // ReplyMessage renames a preview by its type; the prefix stays.
        var body = ReplyMessage.Body(inner.States[0], "7");
        Assert.Equal("SPOILER_preview.png", Assert.Single(body.Files).FileName);
        Assert.Equal("preview.png", Assert.Single(ReplyMessage.Body(ReplyState.Progress("🎨", image), "7").Files).FileName);
    }

    private sealed class RecordingView : IJobView
    {
        public List<ReplyState> States { get; } = [];

        public ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken)
        {
            States.Add(state);
            return ValueTask.FromResult(ReplySendResult.Sent);
        }
    }
}
