namespace ComfyBot.Discord.Interactions;

/// <summary>The fields of every <c>data</c> shape; the interaction's type, known only at the end, picks one.</summary>
internal sealed class InteractionDataFields
{
    public Snowflake? Id { get; set; }

    public string? Name { get; set; }

    public int? Type { get; set; }

    public Snowflake? GuildId { get; set; }

    public Snowflake? TargetId { get; set; }

    public InteractionOption[] Options { get; set; } = [];

    public InteractionResolved? Resolved { get; set; }

    public string? CustomId { get; set; }

    public int? ComponentType { get; set; }

    public string[] Values { get; set; } = [];

    public ModalComponent[] Components { get; set; } = [];

    public ApplicationCommandData ToCommand() => new()
    {
        Id = Id ?? throw InteractionFieldReader.Missing("data.id"),
        Name = Name ?? throw InteractionFieldReader.Missing("data.name"),
        Type = (ApplicationCommandType)(Type ?? 1),
        GuildId = GuildId,
        TargetId = TargetId,
        Options = Options,
        Resolved = Resolved ?? InteractionResolved.Empty,
    };

    public ComponentInteractionData ToComponent() => new()
    {
        CustomId = CustomId ?? throw InteractionFieldReader.Missing("data.custom_id"),
        ComponentType = ComponentType ?? 0,
        Values = Values,
        Resolved = Resolved ?? InteractionResolved.Empty,
    };

    public ModalSubmitData ToModal() => new()
    {
        CustomId = CustomId ?? throw InteractionFieldReader.Missing("data.custom_id"),
        Components = Components,
        Resolved = Resolved ?? InteractionResolved.Empty,
    };
}
