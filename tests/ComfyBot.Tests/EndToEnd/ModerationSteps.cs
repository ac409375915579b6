using System.Globalization;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.Tests.Commands;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Steps the moderation tests share: a bed whose admin is <see cref="CommandSteps.Admin"/>, and the filter's subcommands.</summary>
internal static class ModerationSteps
{
    /// <summary>The default guild's first channel.</summary>
    public const ulong General = 1_300_000_000_000_000_020;

    /// <summary>A bed with <see cref="CommandSteps.Admin"/> as admin, the simulator at full speed, and <paramref name="configure"/> applied.</summary>
    public static Task<BotBed> StartAsync(Action<BotBedOptions>? configure = null)
    {
        var options = new BotBedOptions();
        options.Configuration["ComfyBot:Policy:AdminUserIds:0"] = CommandSteps.AdminId.ToString(CultureInfo.InvariantCulture);
        options.Configuration["ComfyBot:Policy:MaxQueuedPerMember"] = "10";
        configure?.Invoke(options);
        return BotBed.StartAsync(options);
    }

    /// <summary>/comfy-admin filter <paramref name="subcommand"/> as <paramref name="who"/>.</summary>
    public static Task<MessageState> FilterAsync(BotBed bed, InteractionOrigin who, string subcommand, params SlashCommandOption[] options) =>
        CommandSteps.RunAsync(bed, "comfy-admin", who, SlashCommandOption.Group("filter", SlashCommandOption.SubCommand(subcommand, options)));

    /// <summary>A small /imagine (2 steps, one image) as <paramref name="who"/>, with further options.</summary>
    public static FakeInteraction Imagine(BotBed bed, string prompt, InteractionOrigin who, params SlashCommandOption[] options) =>
        bed.Imagine(prompt, who, [SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1), .. options]);

    /// <summary>The lines of an answer.</summary>
    public static IReadOnlyList<string> Lines(MessageState state) => state.Content.Split('\n');
}
