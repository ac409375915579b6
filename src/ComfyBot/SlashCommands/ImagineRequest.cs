using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Policies;
using ComfyBot.Discord.Interactions;

namespace ComfyBot.SlashCommands;

/// <summary>What a member typed into /imagine, read from the interaction's options.</summary>
/// <param name="Workflow">The workflow option, or null for the default template.</param>
/// <param name="Parameters">The values to bind (no image yet: the attachment is uploaded later).</param>
/// <param name="Image">The attached input image, if any.</param>
/// <param name="Ratio">The aspect ratio asked for instead of a width and height, if any.</param>
internal sealed record ImagineRequest(string? Workflow, WorkflowParameters Parameters, InteractionAttachment? Image, AspectRatio? Ratio = null)
{
    /// <summary>Reads the options; a seed outside 0…2^53−1 or a malformed option gives an error text for the member.</summary>
    public static ImagineRequest Read(ApplicationCommandData command, out string? error)
    {
        ArgumentNullException.ThrowIfNull(command);
        error = null;
        var seed = command.GetInteger("seed");
        if (seed is < 0 or > ComfyBotCommands.MaxSeed)
        {
            error = $"seed must be between 0 and {ComfyBotCommands.MaxSeed} (2^53−1); you gave {seed}. Leave it out for a random seed.";
        }

        var prompt = command.GetString("prompt");
        if (string.IsNullOrWhiteSpace(prompt))
        {
            error ??= "prompt is empty; describe what to draw, e.g. /imagine prompt: a lighthouse at dusk.";
        }

        var parameters = new WorkflowParameters
        {
            Prompt = prompt?.Trim(),
            Negative = command.GetString("negative") is { Length: > 0 } negative ? negative : null,
            Seed = seed is >= 0 and <= ComfyBotCommands.MaxSeed ? (ulong)seed.Value : null,
            Width = ToInt(command.GetInteger("width")),
            Height = ToInt(command.GetInteger("height")),
            Steps = ToInt(command.GetInteger("steps")),
            Batch = ToInt(command.GetInteger("batch")),
            Cfg = command.GetNumber("cfg"),
            Checkpoint = Choice(command, "checkpoint"),
            Sampler = Choice(command, "sampler"),
            Scheduler = Choice(command, "scheduler"),
            Lora = Choice(command, "lora"),
            LoraStrength = command.GetNumber("lora_strength"),
            Denoise = command.GetNumber("denoise"),
        };
        AspectRatio? ratio = null;
        if (command.GetString("ar") is { } ar)
        {
            if (parameters.Width is not null || parameters.Height is not null)
            {
                error ??= $"Give either ar ({ar}) or width and height, not both: ar sets the width and height for you.";
            }
            else if (AspectRatio.TryParse(ar, out var parsed, out var problem))
            {
                ratio = parsed;
            }
            else
            {
                error ??= problem;
            }
        }

        return new ImagineRequest(command.GetString("workflow")?.Trim(), parameters, command.GetAttachment("image"), ratio);
    }

    /// <summary>A value picked from a server's list; empty counts as left out (an autocomplete note keeps what was typed).</summary>
    private static string? Choice(ApplicationCommandData command, string name) => command.GetString(name)?.Trim() is { Length: > 0 } value ? value : null;

    private static int? ToInt(long? value) => value is null ? null : (int)Math.Clamp(value.Value, int.MinValue, int.MaxValue);
}
