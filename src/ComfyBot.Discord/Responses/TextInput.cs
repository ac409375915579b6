namespace ComfyBot.Discord.Responses;

/// <summary>A labelled text field of a <see cref="ModalForm"/> (sent as a Label component wrapping a Text Input).</summary>
/// <param name="CustomId">What identifies the value in the submission, 1-100 characters.</param>
/// <param name="Label">The label above the field, 1-45 characters.</param>
public sealed record TextInput(string CustomId, string Label)
{
    /// <summary>One line or several.</summary>
    public TextInputStyle Style { get; init; } = TextInputStyle.Short;

    /// <summary>Help under the label, at most 100 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Pre-filled text, at most 4000 characters.</summary>
    public string? Value { get; init; }

    /// <summary>Grey hint text, at most 100 characters.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Whether the field must be filled.</summary>
    public bool Required { get; init; } = true;

    /// <summary>The shortest accepted input (0-4000).</summary>
    public int? MinLength { get; init; }

    /// <summary>The longest accepted input (1-4000).</summary>
    public int? MaxLength { get; init; }
}
