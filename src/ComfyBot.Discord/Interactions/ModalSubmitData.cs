namespace ComfyBot.Discord.Interactions;

/// <summary>The <c>data</c> of a submitted modal.</summary>
public sealed record ModalSubmitData
{
    /// <summary>The modal's custom id.</summary>
    public required string CustomId { get; init; }

    /// <summary>The submitted components, nested as sent (labels and action rows around inputs).</summary>
    public IReadOnlyList<ModalComponent> Components { get; init; } = [];

    /// <summary>What select values refer to.</summary>
    public InteractionResolved Resolved { get; init; } = InteractionResolved.Empty;

    /// <summary>The value of the text input with <paramref name="customId"/>, at any depth; null if absent.</summary>
    public string? GetValue(string customId) => Find(Components, customId)?.Value;

    /// <summary>The input with <paramref name="customId"/>, at any depth; null if absent.</summary>
    public ModalComponent? GetComponent(string customId) => Find(Components, customId);

    private static ModalComponent? Find(IReadOnlyList<ModalComponent> components, string customId)
    {
        foreach (var component in components)
        {
            if (string.Equals(component.CustomId, customId, StringComparison.Ordinal))
            {
                return component;
            }

            if (component.Children.Count > 0 && Find(component.Children, customId) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}
