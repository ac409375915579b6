using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Tests.Progress;

public sealed class ReplyStateTests
{
    [Fact]
    public void Progress_OffersCancelAndCarriesThePreview_ButIsNotFinal()
    {
        var preview = new ReplyImage("preview.jpg", "image/jpeg", new byte[] { 1, 2, 3 });

        var state = ReplyState.Progress("🎨 KSampler", preview);

        Assert.Equal((ReplyButtons.Cancel, false), (state.Buttons, state.IsFinal));
        Assert.Same(preview, state.Preview);
        Assert.Empty(state.Images);
    }

    [Fact]
    public void Final_CarriesImagesAndButtons_WithoutAPreview()
    {
        var image = new ReplyImage("ComfyUI_00001_.png", "image/png", new byte[] { 1 });

        var state = ReplyState.Final("✅ Done", [image], ReplyButtons.Reroll | ReplyButtons.Details);

        Assert.True(state.IsFinal);
        Assert.Null(state.Preview);
        Assert.Equal([image], state.Images);
        Assert.True(state.Buttons.HasFlag(ReplyButtons.Details));
        Assert.False(state.Buttons.HasFlag(ReplyButtons.Cancel));
    }

    [Fact]
    public void SendResult_RateLimitedWithANegativeWait_WaitsZero_AndSentIsNotRateLimited()
    {
        Assert.Equal(TimeSpan.Zero, ReplySendResult.RateLimited(TimeSpan.FromSeconds(-3)).RetryAfter);
        Assert.True(ReplySendResult.RateLimited(TimeSpan.FromSeconds(2)).IsRateLimited);
        Assert.False(ReplySendResult.Sent.IsRateLimited);
        Assert.Null(ReplySendResult.Sent.RetryAfter);
    }
}
