using ComfyBot.Core.Policies;
using ComfyBot.Discord.Interactions;
using ComfyBot.Discord.Rest;
using ComfyBot.Telemetry;
using Microsoft.Extensions.Logging;

namespace ComfyBot.SlashCommands;

/// <summary>
/// The bot's one <see cref="IInteractionHandler"/>: routes slash commands by name (and subcommand), autocomplete
/// by route and focused option, and button clicks by the custom id's prefix, to the handlers registered in DI. A
/// handler that fails gets the invoker a plain ephemeral apology instead of Discord's "interaction failed".
/// </summary>
internal sealed partial class InteractionRouter : IInteractionHandler
{
    private readonly JobPolicy _policy;
    private readonly DiscordRestClient _rest;
    private readonly TimeProvider _time;
    private readonly ILogger<InteractionRouter> _logger;
    private readonly BotTracing _tracing;
    private readonly Dictionary<string, ISlashCommand> _commands;
    private readonly Dictionary<(string Route, string Option), IAutocompleteSource> _completions;
    private readonly Dictionary<string, IButtonAction> _buttons;
    private readonly Dictionary<string, IModalAction> _modals;

    public InteractionRouter(
        JobPolicy policy,
        DiscordRestClient rest,
        TimeProvider time,
        IEnumerable<ISlashCommand> commands,
        IEnumerable<IAutocompleteSource> completions,
        IEnumerable<IButtonAction> buttons,
        ILogger<InteractionRouter> logger,
        BotTracing tracing,
        IEnumerable<IModalAction>? modals = null)
    {
        _tracing = tracing;
        _policy = policy;
        _rest = rest;
        _time = time;
        _logger = logger;
        _commands = commands.ToDictionary(c => c.Route, StringComparer.Ordinal);
        _completions = completions.ToDictionary(c => (c.Route, c.Option));
        _buttons = buttons.ToDictionary(b => b.Prefix, StringComparer.Ordinal);
        _modals = (modals ?? []).ToDictionary(m => m.Prefix, StringComparer.Ordinal);
    }

    /// <summary>The route of a command interaction: its name, plus the subcommand (group) after spaces.</summary>
    public static string RouteOf(ApplicationCommandData command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return string.Join(' ', new[] { command.Name, command.SubcommandGroup, command.Subcommand }.Where(p => p is not null));
    }

    public async Task HandleAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var invocation = new Invocation(context, _policy, _rest, _time) { Log = _logger };
        var interaction = context.Interaction;

        // The root of a job's trace: the job's span, its run and its reply's edits all hang below it.
        using var span = _tracing.StartInteraction(interaction);
        try
        {
            switch (interaction.Type)
            {
                case InteractionType.ApplicationCommand when interaction.Command is { } command:
                    await RunCommandAsync(invocation, command, cancellationToken);
                    break;
                case InteractionType.ApplicationCommandAutocomplete when interaction.Command is { } command:
                    await CompleteAsync(invocation, command, cancellationToken);
                    break;
                case InteractionType.MessageComponent when interaction.Component is { } component:
                    await ClickAsync(invocation, component.CustomId, cancellationToken);
                    break;
                case InteractionType.ModalSubmit when interaction.Modal is { } modal:
                    await SubmitAsync(invocation, modal.CustomId, cancellationToken);
                    break;
                default:
                    LogUnhandled(_logger, interaction.Type, interaction.Id.Value);
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(_logger, e, interaction.Type, interaction.Id.Value);
            await ApologizeAsync(invocation, cancellationToken);
        }
    }

    private async Task RunCommandAsync(Invocation invocation, ApplicationCommandData command, CancellationToken cancellationToken)
    {
        var route = RouteOf(command);
        if (_commands.TryGetValue(route, out var handler))
        {
            await handler.HandleAsync(invocation, cancellationToken);
        }
        else
        {
            await invocation.TellAsync($"This bot has no handler for /{route}; its commands may be out of date. Ask an admin to restart the bot so it registers its current commands.", cancellationToken);
        }
    }

    private async Task CompleteAsync(Invocation invocation, ApplicationCommandData command, CancellationToken cancellationToken)
    {
        var focused = command.Focused;
        if (focused is not null && _completions.TryGetValue((RouteOf(command), focused.Name), out var source))
        {
            var choices = await source.CompleteAsync(invocation, focused.Text ?? string.Empty, cancellationToken);
            await invocation.SuggestAsync([.. choices.Take(25)], cancellationToken);
        }
        else
        {
            await invocation.SuggestAsync([], cancellationToken);
        }
    }

    private async Task ClickAsync(Invocation invocation, string customId, CancellationToken cancellationToken)
    {
        var colon = customId.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? customId : customId[..colon];
        var argument = colon < 0 ? string.Empty : customId[(colon + 1)..];
        if (_buttons.TryGetValue(prefix, out var action))
        {
            await action.HandleAsync(invocation, argument, cancellationToken);
        }
        else
        {
            await invocation.TellAsync("This button belongs to an older version of the bot and does nothing now.", cancellationToken);
        }
    }

    private async Task SubmitAsync(Invocation invocation, string customId, CancellationToken cancellationToken)
    {
        var colon = customId.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? customId : customId[..colon];
        var argument = colon < 0 ? string.Empty : customId[(colon + 1)..];
        if (_modals.TryGetValue(prefix, out var action))
        {
            await action.HandleAsync(invocation, argument, cancellationToken);
        }
        else
        {
            await invocation.TellAsync("This form belongs to an older version of the bot and does nothing now; open it again from a newer reply.", cancellationToken);
        }
    }

    private async Task ApologizeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Interaction.Type == InteractionType.ApplicationCommandAutocomplete)
        {
            return;
        }

        try
        {
            await invocation.TellAsync("Sorry, something went wrong on the bot's side while handling this; nothing was queued. Try again, and tell an admin if it keeps happening.", cancellationToken);
        }
        catch (Exception e) when (e is DiscordRestException or HttpRequestException or InvalidOperationException)
        {
            LogApologyFailed(_logger, e.Message);
        }
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Debug, Message = "Ignoring an interaction of type {Type} ({Id}).")]
    private static partial void LogUnhandled(ILogger logger, InteractionType type, ulong id);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Handling interaction {Id} of type {Type} failed.")]
    private static partial void LogFailed(ILogger logger, Exception error, InteractionType type, ulong id);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Could not tell the member that their interaction failed: {Reason}")]
    private static partial void LogApologyFailed(ILogger logger, string reason);
}
