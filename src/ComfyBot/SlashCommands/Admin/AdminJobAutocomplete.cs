using ComfyBot.Core.Running;
using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>Suggests the job of an admin subcommand from every unfinished job (admins only: others get no suggestions).</summary>
internal abstract class AdminJobAutocomplete(JobService jobs) : IAutocompleteSource
{
    public string Route => $"{ComfyBotCommands.AdminName} {Subcommand}";

    public string Option => "job";

    protected abstract string Subcommand { get; }

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var queue = invocation.IsAdmin ? jobs.ListQueue() : [];
        return ValueTask.FromResult(JobChoices.Of(queue, typed, withOwner: true));
    }
}
