namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin cancel's job suggestions.</summary>
internal sealed class AdminCancelJobAutocomplete : AdminJobAutocomplete
{
    protected override string Subcommand => "cancel";
}
