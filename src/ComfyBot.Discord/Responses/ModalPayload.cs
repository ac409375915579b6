using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Responses;

/// <summary>The data of callback type 9, with each text input wrapped in a Label component (type 18).</summary>
internal sealed class ModalPayload
{
    [JsonPropertyName("custom_id")]
    public required string CustomId { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("components")]
    public required IReadOnlyList<LabelPayload> Components { get; init; }

    public static ModalPayload From(ModalForm form) => new()
    {
        CustomId = form.CustomId,
        Title = form.Title,
        Components = [.. form.Inputs.Select(input => new LabelPayload
        {
            Label = input.Label,
            Description = input.Description,
            Component = new TextInputPayload
            {
                CustomId = input.CustomId,
                Style = (int)input.Style,
                Value = input.Value,
                Placeholder = input.Placeholder,
                Required = input.Required,
                MinLength = input.MinLength,
                MaxLength = input.MaxLength,
            },
        })],
    };

    internal sealed class LabelPayload
    {
        [JsonPropertyName("type")]
        public int Type { get; } = 18;

        [JsonPropertyName("label")]
        public required string Label { get; init; }

        [JsonPropertyName("description")]
        public string? Description { get; init; }

        [JsonPropertyName("component")]
        public required TextInputPayload Component { get; init; }
    }

    internal sealed class TextInputPayload
    {
        [JsonPropertyName("type")]
        public int Type { get; } = 4;

        [JsonPropertyName("custom_id")]
        public required string CustomId { get; init; }

        [JsonPropertyName("style")]
        public int Style { get; init; }

        [JsonPropertyName("value")]
        public string? Value { get; init; }

        [JsonPropertyName("placeholder")]
        public string? Placeholder { get; init; }

        [JsonPropertyName("required")]
        public bool Required { get; init; }

        [JsonPropertyName("min_length")]
        public int? MinLength { get; init; }

        [JsonPropertyName("max_length")]
        public int? MaxLength { get; init; }
    }
}
