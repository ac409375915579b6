using ComfyBot.Core.Running;
using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>Cancel (<c>cancel:&lt;job&gt;</c>): removes a waiting job or stops a running one; the reply itself then says who cancelled it.</summary>
internal sealed class CancelButton(OwnedJob owned, JobService jobs) : IButtonAction
{
    public string Prefix => "cancel";

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (await owned.LoadAsync(invocation, argument, cancellationToken) is not { } job)
        {
            return;
        }

        // Acknowledge first: the cancel may wait on the GPU server longer than Discord's 3 seconds.
        await invocation.DeferUpdateAsync(cancellationToken);
        var result = await jobs.CancelAsync(job.Id, invocation.MemberId, invocation.DisplayName, invocation.IsAdmin, cancellationToken);
        if (result == CancelResult.NotFound)
        {
            await invocation.TellAsync($"Job {job.DisplayId} has already finished; there is nothing to cancel.", cancellationToken);
        }
    }
}
