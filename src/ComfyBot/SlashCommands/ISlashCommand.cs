namespace ComfyBot.SlashCommands;

/// <summary>
/// Handles one slash command, or one subcommand of a command with subcommands. The definitions Discord gets are
/// in <see cref="ComfyBotCommands"/>; register a handler with <c>services.AddSlashCommand&lt;T&gt;()</c>.
/// </summary>
internal interface ISlashCommand
{
    /// <summary>The route: the command name, plus the subcommand after a space (<c>imagine</c>, <c>comfy-admin queue</c>).</summary>
    string Route { get; }

    /// <summary>Handles the command: answer (or defer) within 3 s through <paramref name="invocation"/>.</summary>
    Task HandleAsync(Invocation invocation, CancellationToken cancellationToken);
}
