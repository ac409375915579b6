using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 3: three members share one GPU slot in turns, not first come first served.</summary>
public sealed class FairOrderTests
{
    [Fact]
    public async Task ThreeMembers_OneSlot_JobsRunInTurns()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { MaxInFlight = 1 });
        var alice = BotBed.Member(1_300_000_000_000_000_101, "alice");
        var bob = BotBed.Member(1_300_000_000_000_000_102, "bob");
        var carol = BotBed.Member(1_300_000_000_000_000_103, "carol");

        // Alice's first job holds the only slot while everyone queues.
        bed.Simulator.HoldSampling(afterSteps: 1);
        var a1 = Imagine(bed, alice, "a1");
        await bed.WaitForOriginalAsync(a1, s => s.Content.StartsWith("🎨", StringComparison.Ordinal));
        var a2 = Imagine(bed, alice, "a2");
        await bed.WaitForOriginalAsync(a2, s => s.Content.StartsWith('⏳'));
        var a3 = Imagine(bed, alice, "a3");
        await bed.WaitForOriginalAsync(a3, s => s.Content.StartsWith('⏳'));
        var b1 = Imagine(bed, bob, "b1");
        await bed.WaitForOriginalAsync(b1, s => s.Content.StartsWith('⏳'));
        var c1 = Imagine(bed, carol, "c1");
        await bed.WaitForOriginalAsync(c1, s => s.Content.StartsWith('⏳'));
        bed.Simulator.ReleaseSampling();

        var all = new[] { a1, a2, a3, b1, c1 };
        var finals = new Dictionary<FakeInteraction, MessageState>();
        foreach (var interaction in all)
        {
            var reply = await bed.WaitForDoneAsync(interaction);
            Assert.StartsWith("✅", reply.Current.Content, StringComparison.Ordinal);
            finals[interaction] = reply.History.First(s => BotBed.IsFinal(s.Content));
        }

        // Bob and Carol each get a turn before Alice's third job, though they asked after it.
        var order = all.OrderBy(i => finals[i].At).ToList();
        Assert.Equal(a1, order[0]);
        Assert.True(order.IndexOf(b1) < order.IndexOf(a3), Order(order, all));
        Assert.True(order.IndexOf(c1) < order.IndexOf(a3), Order(order, all));
        Assert.True(order.IndexOf(b1) < order.IndexOf(a2) || order.IndexOf(c1) < order.IndexOf(a2), Order(order, all));
        bed.Fake.AssertNoContractViolations();
    }

    private static FakeInteraction Imagine(BotBed bed, InteractionOrigin who, string prompt) =>
        bed.Imagine(prompt, who, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));

    private static string Order(List<FakeInteraction> order, FakeInteraction[] names) =>
        "finished in order: " + string.Join(", ", order.Select(i => new[] { "a1", "a2", "a3", "b1", "c1" }[Array.IndexOf(names, i)]));
}
