using System.Globalization;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Running;
using ComfyBot.Hosting;
using ComfyBot.Replies;

namespace ComfyBot.SlashCommands;

/// <summary>
/// /imagine: checks what needs no I/O (workflow, options the template takes, their bounds) and answers a problem
/// with an ephemeral message at once; otherwise defers within 3 s, submits the job (policy, store, queue) and leaves
/// the reply to the job's view. A refusal after the deferral removes the "thinking…" and tells the member alone.
/// </summary>
internal sealed class ImagineCommand : ISlashCommand
{
    public string Route => "imagine";

    public async Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var interaction = invocation.Interaction;
        var request = ImagineRequest.Read(interaction.Command!, out var error);
        var runtime = invocation.Runtime;
        var template = request.Workflow is null
            ? runtime.Templates[0]
            : runtime.Templates.FirstOrDefault(t => string.Equals(t.Settings.Name, request.Workflow, StringComparison.OrdinalIgnoreCase));
        if (template is null)
        {
            error ??= $"There is no workflow named '{request.Workflow}'; pick one of: {string.Join(", ", runtime.Templates.Select(t => t.Settings.Name))} (see /workflows).";
        }
        else
        {
            error ??= TemplateBounds.Check(template, request.Parameters, request.Image is not null);
        }

        if (error is not null || template is null)
        {
            await invocation.TellAsync(error!, cancellationToken);
            return;
        }

        await invocation.DeferAsync(ephemeral: false, cancellationToken);
        var target = ChatTarget.ForInteraction("new", interaction);
        var submission = new JobSubmission(invocation.Owner, invocation.RoleIds, interaction.ChannelId!.Value.Value, template.Settings.Name, request.Parameters)
        {
            GuildId = interaction.GuildId?.Value,
            ChatTarget = target.ToJson(),
            AttachmentByteLimit = interaction.AttachmentSizeLimit,
        };
        SubmitResult result;
        try
        {
            result = await runtime.Jobs.SubmitAsync(submission, cancellationToken);
        }
        catch (WorkflowTemplateException e)
        {
            await invocation.TellAsync($"The workflow '{template.Settings.Name}' cannot take these values: {e.Message}", cancellationToken);
            return;
        }

        if (result.Refusal is { } refusal)
        {
            await invocation.TellAsync(refusal.Message, cancellationToken);
        }
    }

    /// <summary>The job id as members type it: <c>#12</c> or <c>12</c>.</summary>
    public static bool TryParseJobId(string? text, out long id)
    {
        id = 0;
        var trimmed = text?.Trim().TrimStart('#');
        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
