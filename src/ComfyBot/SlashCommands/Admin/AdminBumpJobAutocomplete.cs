namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin bump's job suggestions.</summary>
internal sealed class AdminBumpJobAutocomplete : AdminJobAutocomplete
{
    protected override string Subcommand => "bump";
}
