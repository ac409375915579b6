using System.Globalization;
using System.Text;
using ComfyBot.Comfy.Templates;
using ComfyBot.Discord.Messages;
using ComfyBot.Hosting;

namespace ComfyBot.SlashCommands.Member;

/// <summary>
/// /workflows: each configured workflow as an embed: what it does, the /imagine options it takes with their bounds,
/// whether it needs an input image, and its Upscale/Vary follow-ups. Ephemeral; reads memory only.
/// </summary>
internal sealed class WorkflowsCommand : ISlashCommand
{
    /// <summary>Discord shows at most 10 embeds per message.</summary>
    private const int MaxEmbeds = 10;

    /// <summary>The /imagine options a member can set, in the order /imagine shows them.</summary>
    private static readonly WorkflowParameter[] Options =
    [
        WorkflowParameter.Prompt, WorkflowParameter.Negative, WorkflowParameter.Seed, WorkflowParameter.Width,
        WorkflowParameter.Height, WorkflowParameter.Steps, WorkflowParameter.Cfg, WorkflowParameter.Batch,
    ];

    public string Route => "workflows";

    public Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.AnswerAsync(Describe(invocation.Runtime.Templates), ephemeral: true, cancellationToken);
    }

    /// <summary>The answer: one embed per workflow (the first is the default), the rest named in the text when there are more than ten.</summary>
    public static MessageBody Describe(IReadOnlyList<LoadedTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var content = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"**{templates.Count} workflows.** Pick one with /imagine workflow:<name>; without it you get `{templates[0].Settings.Name}`."));
        if (templates.Count > MaxEmbeds)
        {
            content.Append(CultureInfo.InvariantCulture, $"\nAlso: {string.Join(", ", templates.Skip(MaxEmbeds).Select(t => t.Settings.Name))}.");
        }

        return new MessageBody
        {
            Content = content.ToString(),
            Embeds = [.. templates.Take(MaxEmbeds).Select(Embed)],
        };
    }

    private static Embed Embed(LoadedTemplate loaded)
    {
        var settings = loaded.Settings;
        var template = loaded.Template;
        var options = Options.Where(template.Accepts).Select(p => Option(settings, p)).ToList();
        var fields = new List<EmbedField>
        {
            new("Options", options.Count == 0 ? "none: the workflow draws a fixed picture" : string.Join(", ", options)),
            new("Input image", template.Accepts(WorkflowParameter.Image) ? "required: attach one with image" : "not taken", Inline: true),
        };
        var followUps = new[] { ("Upscale", settings.UpscaleWith), ("Vary", settings.VaryWith) }.Where(f => f.Item2 is not null).Select(f => $"{f.Item1} → `{f.Item2}`").ToList();
        if (followUps.Count > 0)
        {
            fields.Add(new EmbedField("Buttons on results", string.Join(", ", followUps), Inline: true));
        }

        return new Embed
        {
            Title = settings.Name,
            Description = string.IsNullOrWhiteSpace(settings.Description) ? "(no description configured)" : Cut(settings.Description),
            Fields = fields,
        };
    }

    /// <summary>Ten embeds share Discord's 6,000 characters per message, so each description gets at most 400.</summary>
    private static string Cut(string text) => text.Length <= 400 ? text : string.Concat(text.AsSpan(0, 399), "…");

    private static string Option(TemplateSettings settings, WorkflowParameter parameter)
    {
        var name = WorkflowParameterNames.Of(parameter);
        if (!settings.Bounds.TryGetValue(name, out var bound) || (bound.Min is null && bound.Max is null))
        {
            return name;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{name} {bound.Min?.ToString("0.###", CultureInfo.InvariantCulture) ?? "…"}-{bound.Max?.ToString("0.###", CultureInfo.InvariantCulture) ?? "…"}");
    }
}
