using ComfyBot.Core.Running;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin bump's job suggestions.</summary>
internal sealed class AdminBumpJobAutocomplete(JobService jobs) : AdminJobAutocomplete(jobs)
{
    protected override string Subcommand => "bump";
}
