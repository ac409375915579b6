using System.Globalization;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.Commands;

/// <summary>Suggestions for job and backend options: a member sees their own jobs, an admin every job and backend, a non-admin nothing of the admin command.</summary>
public sealed class AutocompleteTests
{
    [Fact]
    public async Task JobAndBackendOptions_SuggestWhatTheInvokerMayAct()
    {
        await using var bed = await CommandSteps.StartAsync();
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "alice's first");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Bob, "bob's");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "alice's second");
        var ids = bed.Runtime.Jobs.ListQueue().OrderByDescending(e => e.Job.Id).ToDictionary(e => e.Job.Parameters.Prompt!, e => e.Job.Id.ToString(CultureInfo.InvariantCulture));
        var typing = SlashCommandOption.Text("job", string.Empty) with { Focused = true };

        var own = await CommandSteps.SuggestAsync(bed, "cancel", CommandSteps.Alice, typing);
        Assert.Equal([ids["alice's second"], ids["alice's first"]], own);

        var all = await CommandSteps.SuggestAsync(bed, "comfy-admin", CommandSteps.Admin, SlashCommandOption.SubCommand("cancel", typing));
        Assert.Equal([ids["alice's second"], ids["bob's"], ids["alice's first"]], all);
        var bump = await CommandSteps.SuggestAsync(bed, "comfy-admin", CommandSteps.Admin, SlashCommandOption.SubCommand("bump", SlashCommandOption.Text("job", "bob") with { Focused = true }));
        Assert.Equal([ids["bob's"]], bump);
        Assert.Empty(await CommandSteps.SuggestAsync(bed, "comfy-admin", CommandSteps.Bob, SlashCommandOption.SubCommand("cancel", typing)));

        var backend = SlashCommandOption.Text("backend", "gpu") with { Focused = true };
        Assert.Equal(["gpu-1"], await CommandSteps.SuggestAsync(bed, "comfy-admin", CommandSteps.Admin, SlashCommandOption.SubCommand("interrupt", backend)));
        Assert.Empty(await CommandSteps.SuggestAsync(bed, "comfy-admin", CommandSteps.Bob, SlashCommandOption.SubCommand("interrupt", backend)));
        bed.Fake.AssertNoContractViolations();
    }
}
