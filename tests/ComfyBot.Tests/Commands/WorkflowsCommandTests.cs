using System.Text.Json;
using ComfyBot.Tests.EndToEnd;

namespace ComfyBot.Tests.Commands;

/// <summary>/workflows: every configured workflow with its description, options and bounds, input image and follow-ups.</summary>
public sealed class WorkflowsCommandTests
{
    [Fact]
    public async Task Workflows_DescribesEachConfiguredTemplate()
    {
        await using var bed = await CommandSteps.StartAsync();
        var answer = await CommandSteps.RunAsync(bed, "workflows", CommandSteps.Alice);

        Assert.True(answer.IsEphemeral);
        Assert.Equal("**3 workflows.** Pick one with /imagine workflow:<name>; without it you get `txt2img`.", answer.Content);
        Assert.Equal(["txt2img", "img2img", "fail"], answer.Embeds.Select(e => e.GetProperty("title").GetString()));

        var txt2img = answer.Embeds[0];
        Assert.Equal("text to image", txt2img.GetProperty("description").GetString());
        Assert.Equal("prompt, negative, seed, width, height, steps 1-30, cfg, batch, checkpoint, sampler, scheduler, denoise", Field(txt2img, "Options"));
        Assert.Equal("not taken", Field(txt2img, "Input image"));
        Assert.Equal("Vary → `img2img`", Field(txt2img, "Buttons on results"));

        var img2img = answer.Embeds[1];
        Assert.Equal("redraws an attached image", img2img.GetProperty("description").GetString());
        Assert.Equal("required: attach one with image", Field(img2img, "Input image"));
        Assert.Null(Field(img2img, "Buttons on results"));
        bed.Fake.AssertNoContractViolations();
    }

    private static string? Field(JsonElement embed, string name) =>
        embed.GetProperty("fields").EnumerateArray().Where(f => f.GetProperty("name").GetString() == name).Select(f => f.GetProperty("value").GetString()).FirstOrDefault();
}
