namespace ComfyBot.Comfy.Templates;

/// <summary>One input of one node: the unit a parameter binds to, written <c>&lt;node id&gt;.inputs.&lt;input name&gt;</c>.</summary>
internal readonly record struct InputSlot(string NodeId, string InputName)
{
    private const string Separator = ".inputs.";

    public static bool TryParse(string path, out InputSlot slot)
    {
        // Node ids are arbitrary strings, input names have no dots: the last separator splits them.
        var at = path.LastIndexOf(Separator, StringComparison.Ordinal);
        if (at > 0 && at + Separator.Length < path.Length)
        {
            slot = new InputSlot(path[..at], path[(at + Separator.Length)..]);
            return true;
        }

        slot = default;
        return false;
    }

    public override string ToString() => NodeId + Separator + InputName;
}
