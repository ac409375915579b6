namespace ComfyBot.Hosting;

/// <summary>What <see cref="SettingsKeyCheck"/> found, each line naming its key and the fix.</summary>
internal sealed class SettingsKeyProblems
{
    /// <summary>Keys no options class has: the binder ignores them, so what they meant to set is silently lost.</summary>
    public List<string> Unknown { get; } = [];

    /// <summary>
    /// Values of the wrong type or shape. While any is left the bound options are not what the file says (the binder
    /// drops such a value, or the list element or section around it), so checks of the values would mislead.
    /// </summary>
    public List<string> WrongValues { get; } = [];

    /// <summary>Every problem, wrong values first.</summary>
    public IReadOnlyList<string> All => [.. WrongValues, .. Unknown];
}
