using ComfyBot.Core.Running;
using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands.Member;

/// <summary>Suggests /cancel's job from the member's own unfinished jobs, newest first.</summary>
internal sealed class OwnJobAutocomplete(JobService jobs) : IAutocompleteSource
{
    public string Route => "cancel";

    public string Option => "job";

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return ValueTask.FromResult(JobChoices.Of(jobs.ListQueue(invocation.MemberId), typed, withOwner: false));
    }
}
