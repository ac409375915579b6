using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands;

/// <summary>Suggests values for one option of one command route; register with <c>services.AddAutocomplete&lt;T&gt;()</c>.</summary>
internal interface IAutocompleteSource
{
    /// <summary>The command route, as in <see cref="ISlashCommand.Route"/>.</summary>
    string Route { get; }

    /// <summary>The option being typed.</summary>
    string Option { get; }

    /// <summary>Up to 25 choices matching <paramref name="typed"/>.</summary>
    ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken);
}
