namespace ComfyBot.Core.Backends;

/// <summary>The names that go into client ids and admin listings: short and safe in a URL query.</summary>
internal static class BackendNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
