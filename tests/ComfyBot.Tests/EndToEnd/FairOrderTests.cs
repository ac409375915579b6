using ComfyBot.FakeDiscord.Interactions;

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
        foreach (var interaction in all)
        {
            var reply = await bed.WaitForDoneAsync(interaction);
            Assert.StartsWith("✅", reply.Current.Content, StringComparison.Ordinal);
            Assert.Single(reply.History, s => BotBed.IsFinal(s.Content));
        }

        // The order they went to the GPU (one slot: the order they ran), from the store: each reply's final edit keeps its own pace, so the times
        // FakeDiscord received them need not follow the GPU's order.
        var submitted = (await bed.Runtime.Store.ListRecentFinishedAsync(DateTimeOffset.MinValue))
            .ToDictionary(j => j.Parameters.Prompt!, j => j.SubmittedAt!.Value);
        var prompts = new[] { "a1", "a2", "a3", "b1", "c1" };
        var order = all.OrderBy(i => submitted[prompts[Array.IndexOf(all, i)]]).ToList();

        // Bob and Carol each get a turn before Alice's third job, though they asked after it.
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
