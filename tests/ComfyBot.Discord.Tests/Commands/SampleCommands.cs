using ComfyBot.Discord.Commands;

namespace ComfyBot.Discord.Tests.Commands;

/// <summary>Definitions shaped like the bot's.</summary>
internal static class SampleCommands
{
    public static CommandDefinition Imagine() => new("imagine", "Generate an image from a prompt")
    {
        Options =
        [
            new CommandOption(ApplicationCommandOptionType.String, "prompt", "What to draw") { Required = true, MaxLength = 1000 },
            new CommandOption(ApplicationCommandOptionType.Integer, "steps", "Sampling steps") { MinValue = 1, MaxValue = 100 },
            new CommandOption(ApplicationCommandOptionType.String, "model", "Checkpoint") { Autocomplete = true },
            new CommandOption(ApplicationCommandOptionType.String, "size", "Image size")
            {
                Choices = [new CommandChoice("Square", "1024x1024"), new CommandChoice("Portrait", "832x1216")],
            },
        ],
        Contexts = [InteractionContextType.Guild],
    };

    public static CommandDefinition Admin() => new("comfy", "Administer the bot")
    {
        DefaultMemberPermissions = 1UL << 5,
        Options =
        [
            new CommandOption(ApplicationCommandOptionType.SubCommandGroup, "queue", "The queue")
            {
                Options =
                [
                    new CommandOption(ApplicationCommandOptionType.SubCommand, "clear", "Drop every waiting job"),
                    new CommandOption(ApplicationCommandOptionType.SubCommand, "ban", "Stop a member from queueing")
                    {
                        Options = [new CommandOption(ApplicationCommandOptionType.User, "member", "Who") { Required = true }],
                    },
                ],
            },
        ],
    };

    /// <summary>What Discord returns for <see cref="Imagine"/> and <see cref="Admin"/>: ids, versions, defaults and key orders of its own.</summary>
    public const string Registered = """
        [
          {"id":"1400000000000000001","application_id":"900","version":"1400000000000000002","default_member_permissions":null,"type":1,
           "name":"imagine","name_localizations":null,"description":"Generate an image from a prompt","description_localizations":null,
           "dm_permission":true,"contexts":[0],"integration_types":[0],"nsfw":false,
           "options":[
             {"max_length":1000,"type":3,"name":"prompt","description":"What to draw","required":true,"name_localizations":null},
             {"type":4,"name":"steps","description":"Sampling steps","min_value":1,"max_value":100.0},
             {"type":3,"name":"model","description":"Checkpoint","autocomplete":true},
             {"type":3,"name":"size","description":"Image size","required":false,"choices":[{"name":"Square","value":"1024x1024"},{"name":"Portrait","value":"832x1216","name_localizations":null}]}]},
          {"id":"1400000000000000003","application_id":"900","version":"1400000000000000004","default_member_permissions":"32","type":1,
           "name":"comfy","description":"Administer the bot","contexts":null,"integration_types":[0],
           "options":[{"type":2,"name":"queue","description":"The queue","options":[
             {"type":1,"name":"clear","description":"Drop every waiting job"},
             {"type":1,"name":"ban","description":"Stop a member from queueing","options":[{"type":6,"name":"member","description":"Who","required":true}]}]}]}
        ]
        """;
}
