using System.Runtime.CompilerServices;
using ComfyBot.Replies;

namespace ComfyBot.Tests.Replies;

/// <summary>What a queued job's reply target keeps of its interaction token while the job waits (issue 15).</summary>
public sealed class ChatTargetRetentionTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_target_keeps_its_token_as_UTF8_and_not_the_string_it_was_given()
    {
        var (target, given) = Made(out var expected);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The string (about 600 bytes for a real token) went with the interaction; the target still yields the token.
        Assert.False(given.IsAlive, "the target still holds the token string it was given");
        Assert.Equal(expected, target.Token);
    }

    [Fact]
    public void Targets_compare_and_round_trip_by_their_tokens_text()
    {
        var token = new string('t', 280) + "Ω";
        var a = ChatTarget.ForInteraction("j1", 1, token, Created, 10, 20, null, null);
        var b = ChatTarget.ForInteraction("j1", 1, string.Concat(new string('t', 280), "Ω"), Created, 10, 20, null, null);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a with { Token = token + "x" });
        // (The followup list comes back as a new list, which a record compares by reference.)
        Assert.Equal(a, ChatTarget.FromJson(a.ToJson()) with { FollowupIds = a.FollowupIds });
        Assert.Equal(token, ChatTarget.FromJson(a.ToJson()).Token);
        Assert.Equal(string.Empty, (a with { Token = string.Empty }).Token);
        Assert.DoesNotContain("ttt", a.ToString(), StringComparison.Ordinal);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ChatTarget Target, WeakReference Given) Made(out string expected)
    {
        var token = string.Concat("aW50ZXJhY3Rpb246", Guid.NewGuid().ToString("N"), new string('x', 250));
        expected = string.Concat(token.AsSpan(0, 16), token.AsSpan(16));
        return (ChatTarget.ForInteraction("j1", 1, token, Created, 10, 20, null, null), new WeakReference(token));
    }
}
