using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Gateway;
using ComfyBot.FakeDiscord.Interactions;
using Xunit.Abstractions;

namespace ComfyBot.FakeDiscord.Tests.Interactions;

/// <summary>Alone in the run: it weighs the managed heap, which tests running beside it would change.</summary>
[CollectionDefinition(nameof(HeapWeighing), DisableParallelization = true)]
public sealed class HeapWeighing;

/// <summary>
/// What the stand-in keeps per interaction: a load run holds 10,000 of them in the process it weighs (issue 15).
/// </summary>
[Collection(nameof(HeapWeighing))]
public sealed class InteractionRetentionTests(ITestOutputHelper output)
{
    [Fact]
    public void A_session_keeps_each_dispatch_for_RESUME_without_keeping_the_text_it_sent()
    {
        var session = new GatewaySession("session", 0, 1, 1);
        var (sent, copy) = RecordOne(session);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(sent.TryGetTarget(out _), "the session still holds the frame string it returned");
        Assert.Equal([copy], session.FramesAfter(0));
    }

    [Fact]
    public async Task An_interaction_keeps_its_payload_once_as_UTF8_text_rather_than_parsed()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        const int count = 500;
        var held = new List<FakeInteraction>(count);
        held.Add(Imagine(fake, 0));
        var payloadBytes = System.Text.Encoding.UTF8.GetByteCount(held[0].Payload.GetRawText());

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 1; i <= count; i++)
        {
            held.Add(Imagine(fake, i));
        }

        var perInteraction = (GC.GetTotalMemory(forceFullCollection: true) - before) / count;
        output.WriteLine($"{perInteraction} bytes held per interaction, its payload {payloadBytes} bytes");

        // A parsed payload held its text again plus a token table (about 2.3 times the text); the interaction's other
        // records (its id, token, callback slot, registry entries) are well under 1.5 KB.
        Assert.InRange(perInteraction, payloadBytes, payloadBytes + 1_500);
        Assert.Equal("a lighthouse at dusk, volumetric light, 35mm", held[^1].Payload.GetProperty("data").GetProperty("options")[0].GetProperty("value").GetString());
        GC.KeepAlive(held);
    }

    [Fact]
    public void Requests_of_one_operation_share_one_operation_name()
    {
        var first = FakeDiscord.Contracts.OpenApiContract.Embedded.Match("PATCH", "/webhooks/1/token-a/messages/@original");
        var second = FakeDiscord.Contracts.OpenApiContract.Embedded.Match("PATCH", "/webhooks/2/token-b/messages/@original");

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal("patch /webhooks/{webhook_id}/{webhook_token}/messages/@original", first.Operation);
        Assert.Same(first.Operation, second.Operation);
    }

    private static FakeInteraction Imagine(FakeDiscordServer fake, long seed) => fake.CreateSlashCommand(
        "imagine",
        [
            SlashCommandOption.Text("prompt", "a lighthouse at dusk, volumetric light, 35mm"),
            SlashCommandOption.WholeNumber("seed", seed),
            SlashCommandOption.WholeNumber("steps", 4),
            SlashCommandOption.WholeNumber("width", 64),
            SlashCommandOption.WholeNumber("height", 64),
        ]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<string> Sent, string Copy) RecordOne(GatewaySession session)
    {
        var frame = session.Record("INTERACTION_CREATE", new JsonObject { ["id"] = "1", ["token"] = new string('t', 200) });
        return (new WeakReference<string>(frame), new string(frame.AsSpan()));
    }
}
