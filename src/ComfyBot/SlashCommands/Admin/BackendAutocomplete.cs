using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>Suggests /comfy-admin interrupt's backend from the configured names, with what each is running.</summary>
internal sealed class BackendAutocomplete(JobService jobs, BackendMonitor monitor) : IAutocompleteSource
{
    public string Route => $"{ComfyBotCommands.AdminName} interrupt";

    public string Option => "backend";

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!invocation.IsAdmin)
        {
            return ValueTask.FromResult<IReadOnlyList<CommandChoice>>([]);
        }

        typed = typed.Trim();
        var queue = jobs.ListQueue();
        IReadOnlyList<CommandChoice> choices =
        [
            .. monitor.Backends
                .Where(b => b.Name.Contains(typed, StringComparison.OrdinalIgnoreCase))
                .OrderBy(b => !b.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(b => new CommandChoice(Label($"{b.Name} · {(b.Health.IsUp ? "up" : b.Health.IsNotCheckedYet ? "not checked yet" : "down")} · {queue.Count(e => e.Job.State == JobState.Running && e.Job.Backend == b.Name)} running"), b.Name)),
        ];
        return ValueTask.FromResult(choices);
    }

    private static string Label(string label) => MemberText.Cut(label, 100);
}
