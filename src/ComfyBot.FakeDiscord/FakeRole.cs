namespace ComfyBot.FakeDiscord;

/// <summary>A role of a fake guild (besides @everyone, whose id is the guild's).</summary>
/// <param name="Id">Snowflake.</param>
/// <param name="Name">Role name.</param>
/// <param name="Permissions">Permission bitfield as Discord sends it, a decimal string (8 = ADMINISTRATOR).</param>
public sealed record FakeRole(ulong Id, string Name, string Permissions = "0");
