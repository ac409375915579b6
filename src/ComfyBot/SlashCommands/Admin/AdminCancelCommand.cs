namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin cancel job: cancels anyone's job; its reply names the admin.</summary>
internal sealed class AdminCancelCommand : AdminCommand
{
    protected override string Subcommand => "cancel";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        if (await ReadJobIdAsync(invocation, cancellationToken) is not { } id)
        {
            return;
        }

        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var result = await invocation.Runtime.Jobs.CancelAsync(id, invocation.MemberId, invocation.DisplayName, isAdmin: true, cancellationToken);
        await AuditAsync(invocation, $"#{id}", result.ToString(), cancellationToken);
        await invocation.TellAsync(await JobAnswers.CancelledAsync(invocation, id, result, ownOnly: false, cancellationToken), cancellationToken);
    }
}
