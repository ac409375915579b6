using System.Globalization;
using System.Text;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Messages;

namespace ComfyBot.SlashCommands.Member;

/// <summary>
/// /workflows: each workflow the channel allows as an embed: what it does, the /imagine options it takes with their
/// bounds, whether it needs an input image, and its Upscale/Vary follow-ups. The workflows the channel's rules leave
/// out are counted, never silently missing. Ephemeral; reads memory only.
/// </summary>
internal sealed class WorkflowsCommand(WorkflowCatalog catalog, ChannelRules channels) : ISlashCommand
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
        var interaction = invocation.Interaction;
        var allowed = channels.AllowedIn(interaction.ChannelId?.Value ?? 0, interaction.Channel?.Nsfw);
        return invocation.AnswerAsync(Describe(catalog, allowed), ephemeral: true, cancellationToken);
    }

    /// <summary>
    /// The answer for a channel that allows <paramref name="allowed"/>: one embed per workflow (the first is the
    /// default), the rest named in the text when there are more than ten, and how many the channel leaves out.
    /// </summary>
    public static MessageBody Describe(WorkflowCatalog catalog, IReadOnlyList<WorkflowDefinition> allowed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(allowed);
        var all = allowed;
        var content = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"**{all.Count} workflow{(all.Count == 1 ? string.Empty : "s")}.** Pick one with /imagine workflow:<name>; "));
        content.Append(all.Any(d => d.Name == catalog.Default.Name)
            ? $"without it you get `{catalog.Default.Name}`."
            : $"this channel does not allow the default `{catalog.Default.Name}`, so give one.");
        var left = catalog.All.Count - all.Count;
        if (left > 0)
        {
            content.Append(CultureInfo.InvariantCulture, $"\n{left} more {(left == 1 ? "is" : "are")} not allowed in this channel (its rules, or age-restricted only).");
        }

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
