using System.Text.Json;
using static ComfyBot.Discord.Interactions.InteractionFieldReader;

namespace ComfyBot.Discord.Interactions;

/// <summary>The submitted components of a modal.</summary>
internal static class ModalComponentReader
{
    internal static ModalComponent[] ReadModalComponents(ref Utf8JsonReader reader, string path)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        Expect(ref reader, JsonTokenType.StartArray, path);
        var components = new List<ModalComponent>(4);
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return [.. components];
            }

            Expect(ref reader, JsonTokenType.StartObject, path);
            components.Add(ReadModalComponent(ref reader, path));
        }
    }

    private static ModalComponent ReadModalComponent(ref Utf8JsonReader reader, string path)
    {
        var component = new ModalComponent();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return component;
            }

            if (Is(ref reader, "type"u8))
            {
                component = component with { Type = ReadInt(ref reader, path, "type") ?? 0 };
            }
            else if (Is(ref reader, "custom_id"u8))
            {
                component = component with { CustomId = ReadString(ref reader, path, "custom_id") };
            }
            else if (Is(ref reader, "value"u8))
            {
                component = component with { Value = ReadString(ref reader, path, "value") };
            }
            else if (Is(ref reader, "values"u8))
            {
                component = component with { Values = ReadStrings(ref reader, path, "values") };
            }
            else if (Is(ref reader, "components"u8))
            {
                component = component with { Children = ReadModalComponents(ref reader, path + ".components") };
            }
            else if (Is(ref reader, "component"u8))
            {
                // A Label wraps exactly one input in "component"; expose it as the label's only child.
                Next(ref reader);
                Expect(ref reader, JsonTokenType.StartObject, path + ".component");
                component = component with { Children = [ReadModalComponent(ref reader, path + ".component")] };
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }
}
