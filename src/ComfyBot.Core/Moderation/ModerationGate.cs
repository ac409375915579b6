using System.Globalization;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Moderation;

/// <summary>
/// The moderation every submitted job passes, whichever way it came (/imagine, Re-roll, Upscale, Vary, an edited
/// prompt): the channel's rules, then the prompt filter. A filter hit is refused with a message that names no rule,
/// and written to the audit log (action <see cref="FilterHitAction"/>: the member, the channel and the rule's id)
/// and the log. <see cref="JobService"/> runs it on every admission; a handler may run it earlier to answer before
/// it acknowledges.
/// </summary>
public sealed partial class ModerationGate(PromptFilter filter, ChannelRules channels, WorkflowCatalog catalog, AuditLog audit, ILogger<ModerationGate> logger)
{
    /// <summary>The audit action of a refused prompt; its target is the channel id and its detail the rule's id.</summary>
    public const string FilterHitAction = "filter-hit";

    /// <summary>What a member whose prompt was refused reads: nothing about which rule, or what it matched.</summary>
    public const string BlockedMessage =
        "This prompt was not accepted: the prompt or negative prompt contains something this server does not allow. Nothing was queued; reword it and try again.";

    /// <summary>The prompt filter (admins change it through /comfy-admin filter).</summary>
    public PromptFilter Filter => filter;

    /// <summary>The per-channel rules.</summary>
    public ChannelRules Channels => channels;

    /// <summary>The refusal of <paramref name="submission"/>, already recorded when it is a filter hit; null when it may go on.</summary>
    public async Task<PolicyRefusal?> ScreenAsync(JobSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (catalog.TryGet(submission.Workflow, out var definition) && channels.Check(definition, submission.ChannelId, submission.ChannelNsfw) is { } refusal)
        {
            return refusal;
        }

        if (filter.Match(submission.Parameters) is not { } hit)
        {
            return null;
        }

        var member = submission.Owner.MemberId;
        if (hit.TimedOut)
        {
            LogTimedOut(logger, hit.Rule.Id, member);
        }

        LogBlocked(logger, member, submission.ChannelId, hit.Rule.Id);
        try
        {
            await audit.AddAuditAsync(member, FilterHitAction, submission.ChannelId.ToString(CultureInfo.InvariantCulture), hit.Rule.Id, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (StoreFailure.Is(e))
        {
            // The refusal stands whether or not the store could record it; the log line above has it.
            LogAuditFailed(logger, e, member);
        }

        return new PolicyRefusal(RefusalReason.PromptBlocked, BlockedMessage);
    }

    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "The prompt filter refused a job of member {MemberId} in channel {ChannelId}: rule {RuleId}")]
    private static partial void LogBlocked(ILogger logger, ulong memberId, ulong channelId, string ruleId);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Filter rule {RuleId} ran out of time (ComfyBot:Moderation:RegexTimeout) on a prompt of member {MemberId}, which counts as a match: simplify the pattern")]
    private static partial void LogTimedOut(ILogger logger, string ruleId, ulong memberId);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Error, Message = "The audit record of a refused prompt of member {MemberId} could not be written; the prompt was refused all the same")]
    private static partial void LogAuditFailed(ILogger logger, Exception error, ulong memberId);
}
