using ComfyBot.Core.Running;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin cancel's job suggestions.</summary>
internal sealed class AdminCancelJobAutocomplete(JobService jobs) : AdminJobAutocomplete(jobs)
{
    protected override string Subcommand => "cancel";
}
