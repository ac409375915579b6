namespace ComfyBot.Discord.Interactions;

/// <summary>
/// One submitted component of a modal: a layout (action row, label) that holds children, or an input
/// (text input, select) that carries a value.
/// </summary>
public sealed record ModalComponent
{
    /// <summary>The component type (1 action row, 4 text input, 18 label, 3 string select, ...).</summary>
    public int Type { get; init; }

    /// <summary>The input's custom id; null for layouts.</summary>
    public string? CustomId { get; init; }

    /// <summary>A text input's value.</summary>
    public string? Value { get; init; }

    /// <summary>A select's chosen values.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>The children of an action row, or the single child of a label.</summary>
    public IReadOnlyList<ModalComponent> Children { get; init; } = [];
}
