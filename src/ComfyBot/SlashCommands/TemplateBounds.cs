using System.Globalization;
using ComfyBot.Comfy.Templates;
using ComfyBot.Hosting;

namespace ComfyBot.SlashCommands;

/// <summary>Whether a template takes the given options and whether each is within its configured bounds.</summary>
internal static class TemplateBounds
{
    /// <summary>An error text naming the option and the allowed range, or null when everything fits.</summary>
    public static string? Check(LoadedTemplate template, WorkflowParameters parameters, bool hasImage)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        var name = template.Settings.Name;
        var takesImage = template.Template.Accepts(WorkflowParameter.Image);
        if (hasImage && !takesImage)
        {
            return $"The workflow '{name}' does not take an input image; leave out image, or pick a workflow that redraws images (see /workflows).";
        }

        if (!hasImage && takesImage)
        {
            return $"The workflow '{name}' needs an input image; attach one with the image option.";
        }

        foreach (var parameter in Enum.GetValues<WorkflowParameter>())
        {
            if (parameter is WorkflowParameter.Image or WorkflowParameter.Prompt || !parameters.IsSet(parameter))
            {
                continue;
            }

            var option = WorkflowParameterNames.Of(parameter);
            if (!template.Template.Accepts(parameter))
            {
                return $"The workflow '{name}' does not take {option}; leave it out. It takes: {string.Join(", ", Enum.GetValues<WorkflowParameter>().Where(template.Template.Accepts).Select(WorkflowParameterNames.Of))}.";
            }

            if (Value(parameters, parameter) is { } value && template.Settings.Bounds.TryGetValue(option, out var bound)
                && ((bound.Min is { } min && value < min) || (bound.Max is { } max && value > max)))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{option} must be between {bound.Min?.ToString(CultureInfo.InvariantCulture) ?? "any"} and {bound.Max?.ToString(CultureInfo.InvariantCulture) ?? "any"} for the workflow '{name}'; you gave {value}.");
            }
        }

        return null;
    }

    private static double? Value(WorkflowParameters parameters, WorkflowParameter parameter) => parameter switch
    {
        WorkflowParameter.Seed => parameters.Seed,
        WorkflowParameter.Width => parameters.Width,
        WorkflowParameter.Height => parameters.Height,
        WorkflowParameter.Batch => parameters.Batch,
        WorkflowParameter.Steps => parameters.Steps,
        WorkflowParameter.Cfg => parameters.Cfg,
        WorkflowParameter.Denoise => parameters.Denoise,
        _ => null,
    };
}
