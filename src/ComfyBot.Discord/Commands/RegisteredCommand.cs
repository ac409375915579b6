namespace ComfyBot.Discord.Commands;

/// <summary>A command as Discord has it registered.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Version">Changes whenever Discord stores a new version of it.</param>
public sealed record RegisteredCommand(Snowflake Id, string Name, Snowflake Version);
