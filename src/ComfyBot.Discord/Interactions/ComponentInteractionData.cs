namespace ComfyBot.Discord.Interactions;

/// <summary>The <c>data</c> of a button click or select choice.</summary>
public sealed record ComponentInteractionData
{
    /// <summary>The developer-defined id of the clicked component.</summary>
    public required string CustomId { get; init; }

    /// <summary>The component type (2 button, 3 string select, 5 user select, ...).</summary>
    public int ComponentType { get; init; }

    /// <summary>The chosen values of a select; empty for buttons.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>What the values of user, role, mentionable and channel selects refer to.</summary>
    public InteractionResolved Resolved { get; init; } = InteractionResolved.Empty;
}
