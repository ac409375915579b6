using ComfyBot.Buttons;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin cancel job: cancels anyone's job; its reply names the admin.</summary>
internal sealed class AdminCancelCommand : AdminCommand
{
    protected override string Subcommand => "cancel";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var typed = invocation.Interaction.Command!.GetString("job");
        if (!JobIds.TryParse(typed, out var id))
        {
            await invocation.TellAsync($"'{typed?.Trim()}' is not a job number: give it as #123 or 123 (/comfy-admin queue lists every job).", cancellationToken);
            return;
        }

        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var result = await invocation.Runtime.Jobs.CancelAsync(id, invocation.MemberId, invocation.DisplayName, isAdmin: true, cancellationToken);
        await AuditAsync(invocation, $"#{id}", result.ToString(), cancellationToken);
        await invocation.TellAsync(await JobAnswers.CancelledAsync(invocation, id, result, ownOnly: false, cancellationToken), cancellationToken);
    }
}
