using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Tests.Progress;

/// <summary>Members' text in the bot's messages: read as typed, never formatting the reply, never cut inside a character.</summary>
public sealed class MemberTextTests
{
    [Fact]
    public void Escape_TurnsAMaskedLinkIntoText() =>
        Assert.Equal("\\[support\\]\\(https://evil.example\\)", MemberText.Escape("[support](https://evil.example)"));

    [Theory]
    [InlineData("**b** _i_ ~~s~~ `c` ||x|| > q # h -# t <@1> \\", "\\*\\*b\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|x\\|\\| \\> q \\# h -\\# t \\<@1\\> \\\\")]
    [InlineData("-# small", "\\-\\# small")]
    [InlineData("mary-jane", "mary-jane")]
    [InlineData("two\nlines\ttab", "two lines tab")]
    [InlineData("Zoë 🐱", "Zoë 🐱")]
    public void Escape_LeavesNoMarkdown(string text, string expected) =>
        Assert.Equal(expected, MemberText.Escape(text));

    [Fact]
    public void Cancelled_ByAMemberWithALinkName_ShowsTheNameAsText() =>
        Assert.Equal("🚫 Cancelled by \\[click me\\]\\(https://evil.example\\).", ReplyTexts.Cancelled("[click me](https://evil.example)"));

    [Fact]
    public void InterruptedBy_EscapesTheName() =>
        Assert.Equal("⏹️ Interrupted by \\*\\*boss\\*\\*.", ReplyTexts.InterruptedBy("**boss**"));

    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("abcdefghijk", 10, "abcdefghi…")]
    public void Cut_KeepsWhatFits(string text, int max, string expected) =>
        Assert.Equal(expected, MemberText.Cut(text, max));

    [Theory]
    [InlineData("abcdefgh🐱🐱", "abcdefgh…")] // a surrogate pair straddles the cut
    [InlineData("abcdefg👨‍👩‍👧x", "abcdefg…")] // a family emoji is one grapheme of five code points
    [InlineData("abcdefghe\u0301x", "abcdefgh…")] // e + combining acute is one letter
    public void Cut_NeverSplitsAGrapheme(string text, string expected)
    {
        var cut = MemberText.Cut(text, 10);

        Assert.Equal(expected, cut);
        Assert.True(cut.Length <= 10);
    }

    [Fact]
    public void EscapeAndCut_NeverEndsInALoneEscape()
    {
        // Escaped, "abcdefgh*" is "abcdefgh\*": a cut at 10 keeps "abcdefgh\" and must drop that backslash.
        Assert.Equal("abcdefgh…", MemberText.EscapeAndCut("abcdefgh*zzz", 10));
    }
}
