using ComfyBot.Discord;
using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands;

/// <summary>
/// The bot's slash commands as registered with Discord (see <see cref="CommandRegistrar.SyncAsync"/>). Option names
/// here are what the command handlers read with Interaction.GetString/GetInteger/....
/// </summary>
internal static class ComfyBotCommands
{
    /// <summary>The largest seed Discord can carry exactly (2^53 - 1): option numbers travel as JSON doubles.</summary>
    public const long MaxSeed = (1L << 53) - 1;

    /// <summary>MANAGE_GUILD (0x20): who sees the admin command by default; servers can change it.</summary>
    public const ulong AdminPermissions = 0x20;

    /// <summary>The admin command's name.</summary>
    public const string AdminName = "comfy-admin";

    /// <summary>Every command, in registration order.</summary>
    public static IReadOnlyList<CommandDefinition> All { get; } = [Imagine(), Queue(), Cancel(), Workflows(), Admin(), Usage(), Settings()];

    /// <summary>The names of <see cref="All"/>: the commands this bot owns in a scope.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(c => c.Name)];

    /// <summary>/imagine prompt [negative] [seed] [workflow] [width] [height] [ar] [steps] [cfg] [batch] [image] [checkpoint] [sampler] [scheduler] [lora] [lora_strength] [denoise].</summary>
    public static CommandDefinition Imagine() => new("imagine", "Generate images from a prompt on the shared GPU")
    {
        Options =
        [
            Text("prompt", "What to draw", required: true) with { MinLength = 1, MaxLength = 2000 },
            Text("negative", "What to keep out of the image") with { MaxLength = 2000 },
            Integer("seed", "Seed for reproducible results (random when left out)", 0, MaxSeed),
            Text("workflow", "Which workflow to run (see /workflows)") with { Autocomplete = true },
            Integer("width", "Image width in pixels", 64, 4096),
            Integer("height", "Image height in pixels", 64, 4096),
            Text("ar", "Aspect ratio, e.g. 16:9 or 2:3 (instead of width and height)") with { MaxLength = 7 },
            Integer("steps", "Sampling steps", 1, 150),
            new CommandOption(ApplicationCommandOptionType.Number, "cfg", "Classifier-free guidance scale") { MinValue = 0, MaxValue = 30 },
            Integer("batch", "How many images to make at once", 1, 16),
            new CommandOption(ApplicationCommandOptionType.Attachment, "image", "An input image for image-to-image workflows"),
            Text("checkpoint", "Model checkpoint, from the GPU servers' own list (workflows that take one)") with { Autocomplete = true },
            Text("sampler", "Sampler, from the GPU servers' own list (workflows that take one)") with { Autocomplete = true },
            Text("scheduler", "Scheduler, from the GPU servers' own list (workflows that take one)") with { Autocomplete = true },
            Text("lora", "LoRA, from the GPU servers' own list (workflows with a LoRA loader)") with { Autocomplete = true },
            new CommandOption(ApplicationCommandOptionType.Number, "lora_strength", "How strongly the LoRA applies (1 = full; negative inverts)") { MinValue = -10, MaxValue = 10 },
            new CommandOption(ApplicationCommandOptionType.Number, "denoise", "How much to repaint: 1 = all, lower keeps more of the input") { MinValue = 0, MaxValue = 1 },
            new CommandOption(ApplicationCommandOptionType.Boolean, "spoiler", "Send the images as spoilers (blurred until clicked)"),
        ],
    };

    /// <summary>/queue: the member's own jobs and their positions.</summary>
    public static CommandDefinition Queue() => new("queue", "Show your jobs and where they are in the queue");

    /// <summary>/cancel [job]: the member's newest job when no job is given.</summary>
    public static CommandDefinition Cancel() => new("cancel", "Cancel one of your jobs (your newest when none is given)")
    {
        Options = [Job("The job to cancel", required: false)],
    };

    /// <summary>/workflows: what can be run.</summary>
    public static CommandDefinition Workflows() => new("workflows", "List the workflows you can run and their parameters");

    /// <summary>/comfy-admin ...: operator commands, visible by default to members with Manage Server.</summary>
    public static CommandDefinition Admin() => new(AdminName, "Operate the shared queue and its backends")
    {
        DefaultMemberPermissions = AdminPermissions,
        Options =
        [
            Sub("queue", "List every running and waiting job across backends"),
            Sub("cancel", "Cancel any job", Job("The job to cancel", required: true)),
            Sub("cancel-user", "Cancel every job of a member", Member("Whose jobs to cancel")),
            Sub("clear", "Drop every waiting job (running ones continue)"),
            Sub("interrupt", "Interrupt what a backend is running now", Text("backend", "Which backend (all when left out)") with { Autocomplete = true }),
            Sub("pause", "Stop taking new jobs; queued ones are kept"),
            Sub("resume", "Take new jobs again"),
            Sub("bump", "Move a waiting job to the front", Job("The job to move up", required: true)),
            Sub("ban", "Stop a member from queueing jobs", Member("Who to ban"), Text("reason", "Why (kept in the audit log and shown to admins)") with { MaxLength = 300 }),
            Sub("unban", "Let a banned member queue jobs again", Member("Who to unban")),
            Sub("backends", "Show each backend's health, load and templates"),
            Sub("usage", "Show GPU time and jobs per member and per backend, with the busiest hours", Text("period", "Which period (today when left out)") with { Choices = [new CommandChoice("today", "today"), new CommandChoice("this week", "week")] }),
            Group(
                "filter",
                "The prompt filter: words and patterns a prompt may not contain",
                Sub("add", "Refuse prompts containing a word (or matching a pattern)", Text("rule", "The word or phrase, or the regular expression", required: true) with { MaxLength = 500 }, new CommandOption(ApplicationCommandOptionType.Boolean, "regex", "Take the rule as a .NET regular expression instead of a word")),
                Sub("remove", "Remove a rule an admin added", Text("rule", "The rule's id, e.g. f3 (see /comfy-admin filter list)", required: true) with { Autocomplete = true, MaxLength = 40 }),
                Sub("list", "List every filter rule, configured and added")),
            Sub("audit", "Show the audit trail: admin actions and refused prompts, newest first"),
        ],
    };

    /// <summary>/usage: the member's own jobs and GPU time, place in line and quota left.</summary>
    public static CommandDefinition Usage() => new("usage", "Show your jobs and GPU time today and this week, and your quota left");

    /// <summary>
    /// <see cref="All"/> as this configuration registers it: /comfy-admin shown by default to members with
    /// ComfyBot:Discord:AdminCommandPermission (Manage Server unless set).
    /// </summary>
    public static IReadOnlyList<CommandDefinition> Registered(Hosting.DiscordSettings discord)
    {
        ArgumentNullException.ThrowIfNull(discord);
        var bits = Hosting.AdminCommandPermissions.Bits(discord.AdminCommandPermission);
        return [.. All.Select(c => c.Name == AdminName ? c with { DefaultMemberPermissions = bits } : c)];
    }

    /// <summary>/settings [workflow] [negative] [ar] [steps] [private] [grid] [reset]: the member's defaults for /imagine.</summary>
    public static CommandDefinition Settings() => new("settings", "Show or set your defaults for /imagine")
    {
        Options =
        [
            Text("workflow", "Default workflow (see /workflows)") with { Autocomplete = true },
            Text("negative", "Default negative prompt") with { MaxLength = 2000 },
            Text("ar", "Default aspect ratio, e.g. 16:9 or 2:3") with { MaxLength = 7 },
            Integer("steps", "Default sampling steps", 1, 150),
            new CommandOption(ApplicationCommandOptionType.Boolean, "private", "Only you see your results (ephemeral replies)"),
            Text("grid", "How a batch of four on a grid workflow is shown") with
            {
                Choices = [new CommandChoice("The numbered grid alone", "grid"), new CommandChoice("The numbered grid and the single images", "grid+singles")],
            },
            Text("reset", "Forget one default, or all of them") with
            {
                Choices =
                [
                    new CommandChoice("all", "all"), new CommandChoice("workflow", "workflow"), new CommandChoice("negative", "negative"),
                    new CommandChoice("ar", "ar"), new CommandChoice("steps", "steps"), new CommandChoice("private", "private"), new CommandChoice("grid", "grid"),
                ],
            },
        ],
    };

    private static CommandOption Text(string name, string description, bool required = false) =>
        new(ApplicationCommandOptionType.String, name, description) { Required = required };

    private static CommandOption Integer(string name, string description, long min, long max) =>
        new(ApplicationCommandOptionType.Integer, name, description) { MinValue = min, MaxValue = max };

    private static CommandOption Job(string description, bool required) =>
        Text("job", description, required) with { Autocomplete = true, MaxLength = 100 };

    private static CommandOption Member(string description) =>
        new(ApplicationCommandOptionType.User, "member", description) { Required = true };

    private static CommandOption Group(string name, string description, params IReadOnlyList<CommandOption> subcommands) =>
        new(ApplicationCommandOptionType.SubCommandGroup, name, description) { Options = subcommands };

    private static CommandOption Sub(string name, string description, params IReadOnlyList<CommandOption> options) =>
        new(ApplicationCommandOptionType.SubCommand, name, description) { Options = options.Count == 0 ? null : options };
}
