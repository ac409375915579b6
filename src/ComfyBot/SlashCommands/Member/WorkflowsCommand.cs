using System.Globalization;
using System.Text;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Messages;

namespace ComfyBot.SlashCommands.Member;

/// <summary>
/// /workflows: each configured workflow as an embed: what it does, the /imagine options it takes with their bounds,
/// whether it needs an input image, and its Upscale/Vary follow-ups. Ephemeral; reads memory only.
/// </summary>
internal sealed class WorkflowsCommand(WorkflowCatalog catalog) : ISlashCommand
{
    /// <summary>Discord shows at most 10 embeds per message.</summary>
    private const int MaxEmbeds = 10;

    /// <summary>The /imagine options a member can set, in the order /imagine shows them.</summary>
    private static readonly WorkflowParameter[] Options =
    [
        WorkflowParameter.Prompt, WorkflowParameter.Negative, WorkflowParameter.Seed, WorkflowParameter.Width,
        WorkflowParameter.Height, WorkflowParameter.Steps, WorkflowParameter.Cfg, WorkflowParameter.Batch,
        WorkflowParameter.Checkpoint, WorkflowParameter.Sampler, WorkflowParameter.Scheduler, WorkflowParameter.Lora,
        WorkflowParameter.LoraStrength, WorkflowParameter.Denoise,
    ];

    public string Route => "workflows";

    public Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.AnswerAsync(Describe(catalog), ephemeral: true, cancellationToken);
    }

    /// <summary>The answer: one embed per workflow (the first is the default), the rest named in the text when there are more than ten.</summary>
    public static MessageBody Describe(WorkflowCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var all = catalog.All;
        var content = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"**{all.Count} workflows.** Pick one with /imagine workflow:<name>; without it you get `{catalog.Default.Name}`."));
        if (all.Count > MaxEmbeds)
        {
            content.Append(CultureInfo.InvariantCulture, $"\nAlso: {string.Join(", ", all.Skip(MaxEmbeds).Select(d => d.Name))}.");
        }

        return new MessageBody
        {
            Content = content.ToString(),
            Embeds = [.. all.Take(MaxEmbeds).Select(Embed)],
        };
    }

    private static Embed Embed(WorkflowDefinition definition)
    {
        var accepted = definition.Accepted;
        var options = Options.Where(accepted.Contains).Select(p => Option(definition, p)).ToList();
        var fields = new List<EmbedField>
        {
            new("Options", options.Count == 0 ? "none: the workflow draws a fixed picture" : string.Join(", ", options)),
            new("Input image", definition.TakesImage ? "required: attach one with image" : "not taken", Inline: true),
        };
        var followUps = new[] { ("Upscale", definition.UpscaleWith), ("Vary", definition.VaryWith) }.Where(f => f.Item2 is not null).Select(f => $"{f.Item1} → `{f.Item2}`").ToList();
        if (followUps.Count > 0)
        {
            fields.Add(new EmbedField("Buttons on results", string.Join(", ", followUps), Inline: true));
        }

        return new Embed
        {
            Title = definition.Name,
            Description = string.IsNullOrWhiteSpace(definition.Description) ? "(no description configured)" : Cut(definition.Description),
            Fields = fields,
        };
    }

    /// <summary>Ten embeds share Discord's 6,000 characters per message, so each description gets at most 400.</summary>
    private static string Cut(string text) => MemberText.Cut(text, 400);

    private static string Option(WorkflowDefinition definition, WorkflowParameter parameter) =>
        definition.Bounds.TryGetValue(parameter, out var bounds)
            ? $"{WorkflowParameterNames.Of(parameter)} {bounds}"
            : WorkflowParameterNames.Of(parameter);
}
