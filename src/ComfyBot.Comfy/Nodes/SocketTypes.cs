namespace ComfyBot.Comfy.Nodes;

/// <summary>ComfyUI's rule for whether an output may feed an input (execution.py validate_node_input, non-strict).</summary>
internal static class SocketTypes
{
    public const string Any = "*";

    public static bool Match(string outputType, string inputType)
    {
        if (outputType == inputType || outputType == Any || inputType == Any)
        {
            return true;
        }

        if (!outputType.Contains(',', StringComparison.Ordinal) && !inputType.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        var outputs = outputType.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var inputs = inputType.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return outputs.Any(o => inputs.Contains(o, StringComparer.Ordinal));
    }
}
