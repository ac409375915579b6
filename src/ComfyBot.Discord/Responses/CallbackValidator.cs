using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Rest;

namespace ComfyBot.Discord.Responses;

/// <summary>Local checks of autocomplete results and modals.</summary>
internal static class CallbackValidator
{
    public static void ValidateChoices(IReadOnlyList<CommandChoice> choices)
    {
        var problems = new List<string>();
        if (choices.Count > 25)
        {
            problems.Add($"data.choices: {choices.Count} suggestions, at most 25 allowed; send the best 25.");
        }

        for (var i = 0; i < choices.Count; i++)
        {
            CommandValidator.ValidateChoice(choices[i], $"data.choices[{i}]", problems);
        }

        Throw("The autocomplete result", problems);
    }

    public static void ValidateModal(ModalForm modal)
    {
        var problems = new List<string>();
        Length(modal.CustomId, 1, 100, "data.custom_id", problems);
        Length(modal.Title, 1, 45, "data.title", problems);
        if (modal.Inputs.Count is < 1 or > 5)
        {
            problems.Add($"data.components: {modal.Inputs.Count} fields, 1 to 5 allowed.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < modal.Inputs.Count; i++)
        {
            var input = modal.Inputs[i];
            var path = $"data.components[{i}]";
            Length(input.Label, 1, 45, $"{path}.label", problems);
            Length(input.CustomId, 1, 100, $"{path}.component.custom_id", problems);
            if (input.CustomId is { Length: > 0 } && !ids.Add(input.CustomId))
            {
                problems.Add($"{path}.component.custom_id: '{input.CustomId}' is used twice in this modal.");
            }

            if (input.Description is { Length: > 100 })
            {
                problems.Add($"{path}.description: {input.Description.Length} characters, at most 100 allowed.");
            }

            if (input.Value is { Length: > 4000 })
            {
                problems.Add($"{path}.component.value: {input.Value.Length} characters, at most 4000 allowed.");
            }

            if (input.Placeholder is { Length: > 100 })
            {
                problems.Add($"{path}.component.placeholder: {input.Placeholder.Length} characters, at most 100 allowed.");
            }

            if (input.MinLength is < 0 or > 4000 || input.MaxLength is < 1 or > 4000 || input.MinLength > input.MaxLength)
            {
                problems.Add($"{path}.component: min_length {input.MinLength} and max_length {input.MaxLength} must satisfy 0 <= min <= max <= 4000, max >= 1.");
            }
        }

        Throw("The modal", problems);
    }

    private static void Length(string? text, int min, int max, string path, List<string> problems)
    {
        var length = text?.Length ?? 0;
        if (length < min || length > max)
        {
            problems.Add($"{path}: {length} characters, {min} to {max} allowed.");
        }
    }

    private static void Throw(string what, List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new DiscordValidationException(what, problems);
        }
    }
}
