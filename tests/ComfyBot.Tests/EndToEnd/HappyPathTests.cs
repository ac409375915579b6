using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 1: one member's /imagine from the deferral to the final images, through the whole stack.</summary>
public sealed class HappyPathTests
{
    [Fact]
    public async Task Imagine_OnIdleBackend_DefersQueuesRunsAndDeliversImagesWithButtons()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { StepsPerSecond = 40 });

        // Held after two steps so the running state is on the message whatever the machine's load.
        bed.Simulator.HoldSampling(afterSteps: 2);
        var interaction = bed.Imagine("a lighthouse at dusk", null, SlashCommandOption.WholeNumber("seed", 42), SlashCommandOption.WholeNumber("steps", 6), SlashCommandOption.WholeNumber("batch", 1));
        var callback = await interaction.WaitForCallbackAsync().WaitAsync(BotBed.HangGuard);
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 2/6", StringComparison.Ordinal));
        bed.Simulator.ReleaseSampling();
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.Equal(5, callback.Type);
        var states = reply.History;
        var final = reply.Current;
        Assert.StartsWith("✅ Done: 1 image · seed 42", final.Content, StringComparison.Ordinal);
        var image = Assert.Single(final.Attachments);
        Assert.Equal("image/png", image.ContentType);
        Assert.Contains(final.CustomIds, id => id.StartsWith("reroll:", StringComparison.Ordinal));
        Assert.Contains(final.CustomIds, id => id.StartsWith("details:", StringComparison.Ordinal));
        Assert.Contains(final.CustomIds, id => id.StartsWith("vary:", StringComparison.Ordinal));
        Assert.DoesNotContain(final.CustomIds, id => id.StartsWith("cancel:", StringComparison.Ordinal));

        // Deferred first, then queued/running edits, and the final state last and once.
        Assert.True(states[0].IsLoading);
        Assert.Contains(states, s => s.Content.StartsWith("⏳ Queued", StringComparison.Ordinal) || s.Content.StartsWith("🎨", StringComparison.Ordinal));
        var running = states.First(s => s.Content.Contains("step 2/6", StringComparison.Ordinal));
        Assert.Matches(@"^🎨 KSampler · step 2/6 ████░░░░░░░░ 33% · \d", running.Content);
        Assert.Equal(["cancel:1"], running.CustomIds);
        Assert.All(states.Skip(1).SkipLast(1), s => Assert.False(BotBed.IsFinal(s.Content)));
        Assert.Single(states, s => BotBed.IsFinal(s.Content));
        Assert.Same(final, states[^1]);
        bed.Fake.AssertNoContractViolations();
    }
}
