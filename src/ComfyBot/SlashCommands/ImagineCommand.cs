using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest;
using ComfyBot.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.SlashCommands;

/// <summary>
/// /imagine: checks what needs no I/O (workflow, options the template takes, their bounds, whether any GPU server
/// can run it) and answers a problem with an ephemeral message at once; otherwise defers within 3 s, downloads the
/// attached image if any, submits the job (policy, store, queue) and leaves the reply to the job's view. A refusal
/// after the deferral removes the "thinking…" and tells the member alone.
/// </summary>
internal sealed partial class ImagineCommand(AttachmentDownloader downloader, WorkflowCatalog catalog, BackendMonitor monitor, JobSubmitter submitter, JobPolicy policy, MemberDefaults defaults, ILogger<ImagineCommand> logger) : ISlashCommand
{
    /// <summary>The reply while the servers' first check has not answered and nothing known yet decides the job.</summary>
    public static string WaitingForFirstCheck(string pending) =>
        $"⏳ The bot just started and is still checking the GPU servers ({pending} not checked yet): your request is checked against them and queued as soon as they answer.";

    /// <summary>The same reply once the bot stopped before the first check answered: nothing was queued.</summary>
    public const string StoppedBeforeFirstCheck = "⏹️ The bot stopped before the GPU servers answered their first check, so this request was not queued. Please send it again.";

    /// <summary>
    /// The same reply once <c>BackendMonitor:FirstCheckWait</c> passed and what answered still does not decide the job:
    /// it was judged on nothing and queued nowhere, and says so.
    /// </summary>
    public static string FirstCheckTooSlow(string pending, TimeSpan waited) =>
        $"⌛ The GPU servers did not answer their first check in time ({pending} still not checked after {(int)Math.Round(waited.TotalSeconds)} s), so this request was not checked against them and was not queued. Please send it again in a little while.";

    public string Route => "imagine";

    public async Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var request = ImagineRequest.Read(invocation.Interaction.Command!, out var error);

        // The member's /settings fill what they left out; the reply names each default used or not used.
        var applied = await defaults.ApplyAsync(invocation, request, cancellationToken);
        request = applied.Request;
        var name = request.Workflow ?? catalog.Default.Name;
        var parameters = request.Parameters;
        if (catalog.TryGet(name, out var definition) && !definition.Accepted.Contains(WorkflowParameter.Prompt))
        {
            // Discord requires a prompt; a workflow that draws none (e.g. an upscaler) just ignores it.
            parameters = parameters with { Prompt = null };
        }

        if (error is null && request.Ratio is { } ratio && definition is not null)
        {
            (parameters, error) = Sized(invocation, definition, parameters, ratio);
        }

        error ??= catalog.Check(name, parameters, request.Image is not null)?.Message;
        if (error is null && !TemplateReach.Decidable(monitor, definition!.Template, parameters)
            && !await WaitForFirstCheckAsync(invocation, definition, parameters, applied.Settings.Private == true, cancellationToken))
        {
            return;
        }

        error ??= Unrunnable(monitor, definition!);
        error ??= Choices.ServerChoices.Refusal(monitor, definition!, parameters, invocation.Time.GetUtcNow());
        if (error is not null)
        {
            await invocation.TellAsync(error, cancellationToken);
            return;
        }

        if (!invocation.HasAnswered)
        {
            await invocation.DeferAsync(ephemeral: applied.Settings.Private == true, cancellationToken);
        }

        InputImage? image = null;
        if (request.Image is { } attachment)
        {
            (image, var problem) = await downloader.DownloadAsync(attachment, cancellationToken);
            if (problem is not null)
            {
                await invocation.TellAsync(problem, cancellationToken);
                return;
            }
        }

        await submitter.SubmitAsync(invocation, definition!.Name, parameters, image, applied.Caption, cancellationToken);
    }

    /// <summary>
    /// The bot just started and a server not checked yet may decide this job (it may be the only one that runs the
    /// template, or lists the checkpoint): refusing now could be wrong, queueing now would say "Queued" as if every
    /// server were known. So it defers, says it waits for the first check, and waits; the caller then decides as usual
    /// (a refusal replaces this reply, ephemerally; a job takes it over). False when the servers did not answer within
    /// <c>BackendMonitor:FirstCheckWait</c>: the reply then says so, and that nothing was queued.
    /// </summary>
    private async Task<bool> WaitForFirstCheckAsync(Invocation invocation, WorkflowDefinition definition, WorkflowParameters parameters, bool ephemeral, CancellationToken cancellationToken)
    {
        await invocation.DeferAsync(ephemeral, cancellationToken);
        var pending = NotCheckedYetNames();
        LogWaiting(logger, invocation.MemberId, definition.Name, pending);
        await invocation.AnswerAsync(new MessageBody { Content = WaitingForFirstCheck(pending) }, ephemeral: false, cancellationToken);
        var since = invocation.Time.GetUtcNow();
        try
        {
            if (await monitor.WhenDecidableAsync(() => TemplateReach.Decidable(monitor, definition.Template, parameters), cancellationToken))
            {
                return true;
            }
        }
        catch (OperationCanceledException)
        {
            // The bot is stopping (its monitor stopped, or the interactions are being cancelled) and nothing was
            // stored: the reply must not go on promising a queue.
            await SayStoppedAsync(invocation);
            throw;
        }

        // Deciding now would judge the job on servers not checked yet, and holding it longer would leave the member
        // waiting on the probe's own timeouts: it is not queued, and the reply says why.
        var waited = invocation.Time.GetUtcNow() - since;
        var still = NotCheckedYetNames();
        LogFirstCheckTooSlow(logger, invocation.MemberId, definition.Name, (long)waited.TotalMilliseconds, still);
        await invocation.AnswerAsync(new MessageBody { Content = FirstCheckTooSlow(still, waited) }, ephemeral: false, cancellationToken);
        return false;
    }

    /// <summary>The servers whose first check has not answered yet, by name, for the reply and the log.</summary>
    private string NotCheckedYetNames() => string.Join(", ", monitor.NotCheckedYet.Select(b => b.Name));

    private async Task SayStoppedAsync(Invocation invocation)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(5), invocation.Time);
        try
        {
            await invocation.AnswerAsync(new MessageBody { Content = StoppedBeforeFirstCheck }, ephemeral: false, guard.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or DiscordRestException)
        {
            LogStoppedUntold(logger, e, invocation.MemberId);
        }
    }

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "/imagine by {MemberId} was waiting for the first check when the bot stopped; its reply could not be changed to say it was not queued.")]
    private static partial void LogStoppedUntold(ILogger logger, Exception exception, ulong memberId);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "/imagine by {MemberId} ({Workflow}) waited {WaitedMs} ms for the first check of the GPU servers, past BackendMonitor:FirstCheckWait, with {Pending} still not checked; it was not queued and its reply says so.")]
    private static partial void LogFirstCheckTooSlow(ILogger logger, ulong memberId, string workflow, long waitedMs, string pending);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "/imagine by {MemberId} ({Workflow}) waits for the first check of the GPU servers ({Pending} not checked yet) before it is judged and queued.")]
    private static partial void LogWaiting(ILogger logger, ulong memberId, string workflow, string pending);

    /// <summary>
    /// The width and height an aspect ratio gives: the template's own area (the size its model draws best at), or
    /// the member's pixel limit when that is smaller, in that ratio on the 64 grid and within the side limit.
    /// </summary>
    private (WorkflowParameters Parameters, string? Error) Sized(Invocation invocation, WorkflowDefinition definition, WorkflowParameters parameters, AspectRatio ratio)
    {
        var template = definition.Template;
        if (!template.Accepts(WorkflowParameter.Width) || !template.Accepts(WorkflowParameter.Height))
        {
            return (parameters, $"The workflow '{definition.Name}' does not take a width and height, so ar {ratio} cannot size it; leave ar out.");
        }

        var limits = policy.Resolve(invocation.MemberId, invocation.RoleIds);
        var area = template.NumberOf(WorkflowParameter.Width) is { } width && template.NumberOf(WorkflowParameter.Height) is { } height
            ? (long)(width * height)
            : AspectRatio.FallbackPixels;
        if (limits.Pixels is { } pixels)
        {
            area = Math.Min(area, pixels.Value);
        }

        var (fittedWidth, fittedHeight) = ratio.Fit(Math.Max(area, (long)AspectRatio.Multiple * AspectRatio.Multiple), limits.Side?.Value);
        return (parameters with { Width = fittedWidth, Height = fittedHeight }, null);
    }

    /// <summary>
    /// When every GPU server whose catalogue is known refuses the template, the job would wait forever: say why now,
    /// naming the node and input (the servers' catalogues are cached, so this costs no I/O).
    /// </summary>
    private static string? Unrunnable(BackendMonitor monitor, WorkflowDefinition definition)
    {
        if (TemplateReach.RunsNowhere(monitor.Backends, definition.Template) is not { } problems)
        {
            return null;
        }

        var shown = string.Join("; ", problems.Take(3).Select(p => p.ToString()));
        var more = problems.Count > 3 ? $" (and {problems.Count - 3} more)" : string.Empty;
        return $"The workflow '{definition.Name}' cannot run on any GPU server: {shown}{more}. Ask an admin to fix the template (`comfybot check-workflow` lists every problem).";
    }
}
