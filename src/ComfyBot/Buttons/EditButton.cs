using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Responses;
using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>
/// Edit &amp; redo (<c>edit:&lt;job&gt;</c>): opens a form (a Discord modal) with the job's prompt and negative filled
/// in; submitting it (<see cref="EditModal"/>) queues the edited job.
/// </summary>
internal sealed class EditButton(OwnedJob owned, WorkflowCatalog catalog) : IButtonAction
{
    /// <summary>The text inputs' custom ids.</summary>
    public const string PromptInput = "prompt";

    /// <inheritdoc cref="PromptInput"/>
    public const string NegativeInput = "negative";

    /// <summary>The longest prompt or negative, as /imagine takes them.</summary>
    public const int MaxText = 2000;

    public string Prefix => "edit";

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (await owned.LoadAsync(invocation, argument, cancellationToken) is not { } job)
        {
            return;
        }

        if (!catalog.TryGet(job.Workflow, out var definition))
        {
            await invocation.TellAsync($"The workflow '{job.Workflow}' is no longer configured, so job {job.DisplayId} cannot be redone; start a new one with /imagine.", cancellationToken);
            return;
        }

        if (!definition.Accepted.Contains(WorkflowParameter.Prompt))
        {
            await invocation.TellAsync($"The workflow '{job.Workflow}' takes no prompt, so there is nothing to edit; use Re-roll to run it again.", cancellationToken);
            return;
        }

        List<TextInput> inputs =
        [
            new(PromptInput, "Prompt")
            {
                Style = TextInputStyle.Paragraph,
                Value = Cut(job.Parameters.Prompt),
                MinLength = 1,
                MaxLength = MaxText,
            },
        ];
        if (definition.Accepted.Contains(WorkflowParameter.Negative))
        {
            inputs.Add(new(NegativeInput, "Negative prompt")
            {
                Style = TextInputStyle.Paragraph,
                Value = Cut(job.Parameters.Negative),
                Required = false,
                MaxLength = MaxText,
                Description = "What to keep out of the image; leave empty for none.",
            });
        }

        await invocation.OpenModalAsync(new ModalForm($"edit:{job.Id}", $"Edit & redo {job.DisplayId}", inputs), cancellationToken);
    }

    /// <summary>Stored texts came through /imagine's 2,000 limit; an older, longer one is cut rather than refused by Discord.</summary>
    private static string? Cut(string? text) => text is { Length: > MaxText } ? text[..MaxText] : text is { Length: > 0 } ? text : null;
}
