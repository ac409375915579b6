using System.Globalization;
using System.Text.Json;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.Tests.EndToEnd;

namespace ComfyBot.Tests.Commands;

/// <summary>Steps the command tests share: a bed with one configured admin, running commands as someone, and reading the answers FakeDiscord holds.</summary>
internal static class CommandSteps
{
    public const ulong AdminId = 1_300_000_000_000_000_900;

    public const ulong AdminRoleId = 1_300_000_000_000_000_950;

    public static InteractionOrigin Admin { get; } = BotBed.Member(AdminId, "ada");

    public static InteractionOrigin Alice { get; } = BotBed.Member(1_300_000_000_000_000_101, "alice");

    public static InteractionOrigin Bob { get; } = BotBed.Member(1_300_000_000_000_000_102, "bob");

    public static InteractionOrigin Carol { get; } = BotBed.Member(1_300_000_000_000_000_103, "carol");

    /// <summary>A bed whose admins are <see cref="Admin"/> (by user id) and the role <see cref="AdminRoleId"/>; one GPU slot, held after a step, so jobs stay listed.</summary>
    public static async Task<BotBed> StartAsync(int maxQueuedPerMember = 3)
    {
        var options = new BotBedOptions { MaxInFlight = 1 };
        options.Configuration["ComfyBot:Policy:AdminUserIds:0"] = AdminId.ToString(CultureInfo.InvariantCulture);
        options.Configuration["ComfyBot:Policy:AdminRoleIds:0"] = AdminRoleId.ToString(CultureInfo.InvariantCulture);
        options.Configuration["ComfyBot:Policy:MaxQueuedPerMember"] = maxQueuedPerMember.ToString(CultureInfo.InvariantCulture);
        var bed = await BotBed.StartAsync(options);
        bed.Simulator.HoldSampling(afterSteps: 1);
        return bed;
    }

    /// <summary>Runs /<paramref name="name"/> as <paramref name="who"/> and returns the answer shown to them.</summary>
    public static async Task<MessageState> RunAsync(BotBed bed, string name, InteractionOrigin who, params SlashCommandOption[] options)
    {
        var interaction = bed.Fake.CreateSlashCommand(name, options, who);
        try
        {
            return await bed.WaitForAnswerAsync(interaction);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"/{name} got no answer. {bed.Describe(interaction)}", e);
        }
    }

    /// <summary>Runs /comfy-admin <paramref name="subcommand"/> as <paramref name="who"/>.</summary>
    public static Task<MessageState> AdminAsync(BotBed bed, InteractionOrigin who, string subcommand, params SlashCommandOption[] options) =>
        RunAsync(bed, "comfy-admin", who, SlashCommandOption.SubCommand(subcommand, options));

    /// <summary>The admin listing's interaction (its answer is the message with the paging buttons).</summary>
    public static async Task<FakeMessage> AdminQueueAsync(BotBed bed, InteractionOrigin who)
    {
        var interaction = bed.Fake.CreateSlashCommand("comfy-admin", [SlashCommandOption.SubCommand("queue")], who);
        await bed.WaitForAnswerAsync(interaction);
        return interaction.OriginalMessage!;
    }

    /// <summary>Queues /imagine <paramref name="prompt"/> as <paramref name="who"/> and waits until its reply shows it running (🎨) or waiting (⏳).</summary>
    public static async Task<FakeInteraction> ImagineAsync(BotBed bed, InteractionOrigin who, string prompt)
    {
        var interaction = bed.Imagine(prompt, who, SlashCommandOption.WholeNumber("steps", 4), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.StartsWith('⏳') || s.Content.StartsWith("🎨", StringComparison.Ordinal));
        return interaction;
    }

    /// <summary>The values of the autocomplete choices offered while <paramref name="who"/> types into the focused option.</summary>
    public static async Task<IReadOnlyList<string>> SuggestAsync(BotBed bed, string name, InteractionOrigin who, params SlashCommandOption[] options)
    {
        var interaction = bed.Fake.CreateAutocomplete(name, options, who);
        var callback = await interaction.WaitForCallbackAsync().WaitAsync(BotBed.HangGuard);
        Assert.Equal(8, callback.Type);
        return [.. callback.Data!.Value.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").ToString())];
    }

    /// <summary>Whether the button with <paramref name="customId"/> on <paramref name="state"/> is disabled.</summary>
    public static bool IsDisabled(MessageState state, string customId) =>
        state.Components
            .SelectMany(row => row.GetProperty("components").EnumerateArray())
            .Single(c => c.TryGetProperty("custom_id", out var id) && id.GetString() == customId)
            .TryGetProperty("disabled", out var disabled) && disabled.ValueKind == JsonValueKind.True;

    /// <summary>The job lines of an admin listing page (each starts with the job id in backticks).</summary>
    public static IReadOnlyList<string> JobLines(MessageState state) =>
        [.. state.Content.Split('\n').Where(l => l.StartsWith("`#", StringComparison.Ordinal))];
}
