using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Testing;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 12: a template the GPU server would refuse is reported to the member, naming node and input.</summary>
public sealed class TemplateErrorTests
{
    [Fact]
    public async Task Imagine_TemplateWithUnknownCheckpoint_TellsTheMemberTheNodeAndInput()
    {
        var options = new BotBedOptions();
        var broken = RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json").Replace("trace_sd15_random.safetensors", "missing-model.safetensors", StringComparison.Ordinal);
        options.ExtraTemplates["broken"] = broken;
        await using var bed = await BotBed.StartAsync(options);

        var interaction = bed.Imagine("anything", null, SlashCommandOption.Text("workflow", "broken"));
        var callback = await interaction.WaitForCallbackAsync().WaitAsync(BotBed.HangGuard);
        var answer = await bed.WaitForAnswerAsync(interaction);

        Assert.Equal(4, callback.Type);
        Assert.True(answer.IsEphemeral);
        Assert.Contains("'broken' cannot run on any GPU server", answer.Content, StringComparison.Ordinal);
        Assert.Contains("(CheckpointLoaderSimple) input 'ckpt_name'", answer.Content, StringComparison.Ordinal);
        Assert.Contains("missing-model.safetensors", answer.Content, StringComparison.Ordinal);
        Assert.Empty(bed.Runtime.Jobs.ListQueue());
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_OptionOutsideTemplateBounds_IsRefusedEphemerallyWithTheRange()
    {
        await using var bed = await BotBed.StartAsync();

        var interaction = bed.Imagine("anything", null, SlashCommandOption.WholeNumber("steps", 31));
        var answer = await bed.WaitForAnswerAsync(interaction);

        Assert.True(answer.IsEphemeral);
        Assert.Equal("steps 31 is outside 1-30 for workflow 'txt2img'.", answer.Content);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_FailingNode_FinalReplyNamesNodeAndException()
    {
        await using var bed = await BotBed.StartAsync();

        var interaction = bed.Imagine("anything", null, SlashCommandOption.Text("workflow", "fail"));
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("❌ Failed in node 2", reply.Current.Content, StringComparison.Ordinal);
        Assert.Contains("trace: planned failure", reply.Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }
}
