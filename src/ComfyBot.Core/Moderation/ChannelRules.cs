using ComfyBot.Core.Policies;
using ComfyBot.Core.Workflows;

namespace ComfyBot.Core.Moderation;

/// <summary>
/// What each channel allows: the templates listed for it in <see cref="ModerationOptions.Channels"/> (with their
/// Upscale and Vary templates), templates marked NSFW only where Discord says the channel is age-restricted, and
/// whether images are sent as spoilers. A channel Discord does not say is age-restricted (a thread, a DM, an
/// interaction without the flag) counts as not. Immutable: thread-safe.
/// </summary>
public sealed class ChannelRules
{
    private readonly WorkflowCatalog _catalog;
    private readonly Dictionary<ulong, HashSet<string>> _allowed = [];
    private readonly HashSet<ulong> _spoilers = [];

    /// <summary>Creates the rules; template names the catalog lacks are left out (the host's validation reports them).</summary>
    public ChannelRules(ModerationOptions options, WorkflowCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        foreach (var rule in options.Channels)
        {
            if (rule.Spoiler)
            {
                _spoilers.Add(rule.ChannelId);
            }

            if (rule.Templates.Count == 0)
            {
                continue;
            }

            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in rule.Templates)
            {
                if (!catalog.TryGet(name.Trim(), out var definition))
                {
                    continue;
                }

                names.Add(definition.Name);

                // A follow-up configured on an allowed template comes with it: its buttons would otherwise be refused.
                foreach (var followUp in new[] { definition.UpscaleWith, definition.VaryWith })
                {
                    if (followUp is not null && catalog.TryGet(followUp, out var target))
                    {
                        names.Add(target.Name);
                    }
                }
            }

            _allowed[rule.ChannelId] = names;
        }
    }

    /// <summary>Whether images made from <paramref name="channelId"/> are sent as spoilers.</summary>
    public bool Spoiler(ulong channelId) => _spoilers.Contains(channelId);

    /// <summary>Whether <paramref name="definition"/> may run in the channel (autocomplete offers only these).</summary>
    /// <param name="definition">The template.</param>
    /// <param name="channelId">The channel.</param>
    /// <param name="nsfw">The channel's age-restricted flag as Discord sent it; null when it did not.</param>
    public bool Allows(WorkflowDefinition definition, ulong channelId, bool? nsfw)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Listed(definition, channelId) && (!definition.Nsfw || nsfw == true);
    }

    /// <summary>The refusal for running <paramref name="definition"/> in the channel, saying what is allowed there; null when it may run.</summary>
    public PolicyRefusal? Check(WorkflowDefinition definition, ulong channelId, bool? nsfw)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!Listed(definition, channelId))
        {
            return new PolicyRefusal(RefusalReason.WorkflowNotAllowedHere, $"The workflow '{definition.Name}' is not allowed in this channel. {Here(channelId, nsfw)}");
        }

        if (definition.Nsfw && nsfw != true)
        {
            var why = nsfw is null
                ? "Discord did not say whether this channel is age-restricted (it never does for threads and DMs), so it counts as not"
                : "this channel is not";
            return new PolicyRefusal(RefusalReason.NsfwChannelRequired, $"The workflow '{definition.Name}' is marked NSFW and runs only in age-restricted channels; {why}. {Here(channelId, nsfw)}");
        }

        return null;
    }

    /// <summary>The templates that may run in the channel, in catalogue order.</summary>
    public IReadOnlyList<WorkflowDefinition> AllowedIn(ulong channelId, bool? nsfw) =>
        [.. _catalog.All.Where(d => Allows(d, channelId, nsfw))];

    private bool Listed(WorkflowDefinition definition, ulong channelId) =>
        !_allowed.TryGetValue(channelId, out var names) || names.Contains(definition.Name);

    private string Here(ulong channelId, bool? nsfw)
    {
        var allowed = AllowedIn(channelId, nsfw);
        return allowed.Count == 0
            ? "No workflow can run here; use another channel."
            : $"Here you can use: {string.Join(", ", allowed.Select(d => d.Name))}.";
    }
}
