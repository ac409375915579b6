using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Templates;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Running;

public sealed partial class JobService
{
    private async Task DispatchLoopAsync(CancellationToken cancellationToken)
    {
        while (await _wake.Reader.WaitToReadAsync(cancellationToken))
        {
            _wake.Reader.TryRead(out _);
            try
            {
                DispatchReady();
                RefreshWaitingReplies();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // One bad round (a backend check that threw) must not stop dispatching for good.
                LogDispatchFailed(error);
            }
        }
    }

    private void DispatchReady()
    {
        while (_scheduler.TryTake(_slots, CanRunOn) is { } assignment)
        {
            var active = Find(assignment.Job.JobId);
            if (active is null)
            {
                _slots.Release(assignment.Backend);
                continue;
            }

            active.MoveTo(RunState.Dispatching);
            Track(Task.Run(() => RunAsync(active, assignment.Backend), CancellationToken.None));
        }
    }

    private bool CanRunOn(QueuedJob job, string backendName)
    {
        if (_holds.IsHeld(backendName))
        {
            return false;
        }

        return FindBackend(backendName) is { Health.IsUp: true } backend
            && _workflows.TryGet(job.Workflow, out var definition)
            && backend.CanRun(definition.Template);
    }

    private void RefreshWaitingReplies()
    {
        var order = _scheduler.Order();
        if (order.Count == 0)
        {
            return;
        }

        var foreign = ForeignQueued();
        var activity = Activity();
        var paused = _scheduler.IsPaused;
        var reachable = Reachable();
        foreach (var position in order)
        {
            if (Find(position.Job.JobId) is { IsWaiting: true } active)
            {
                // The reply's send loop starts here and inherits the scope, so its lines name the job.
                using var logScope = JobLogScope(_logger, active.Job.Id);
                var reason = WaitReason(paused, reachable, position.Job.Workflow);
                _ = reason is null ? active.TryMoveFrom(RunState.Held, RunState.Waiting) : active.TryMoveFrom(RunState.Waiting, RunState.Held);

                // No estimate while nothing can start it: it would be a guess presented as a promise.
                var state = QueuedState(position.Position, foreign, reason is null ? activity : null);
                var lines = new List<string>(3) { state.Text };
                if (active.WaitingNote is { } note && note != reason)
                {
                    lines.Add(note);
                }

                if (reason is not null)
                {
                    lines.Add(reason);
                }

                active.Show(state with { Text = string.Join('\n', lines) });
            }
        }
    }

    /// <summary>
    /// Why a waiting job cannot start now, whatever its place: the queue is paused, no server is reachable, or none of
    /// the reachable ones can run its workflow. Null when only its place in line holds it back.
    /// </summary>
    private string? WaitReason(bool paused, List<IJobBackend> reachable, string workflow)
    {
        if (paused)
        {
            return ReplyTexts.Paused;
        }

        if (reachable.Count == 0)
        {
            return ReplyTexts.Offline;
        }

        return _workflows.TryGet(workflow, out var definition) && !reachable.Any(b => b.CanRun(definition.Template))
            ? ReplyTexts.NoCapableServer(workflow)
            : null;
    }

    /// <summary>The backends a job could be sent to now: up, and not held after refusing a job.</summary>
    private List<IJobBackend> Reachable()
    {
        return [.. _backends.Where(b => b.Health.IsUp && !_holds.IsHeld(b.Name))];
    }

    // Ahead of a waiting job: the bot's jobs before it plus prompts other clients put on the live servers.
    // EstimateStart walks every job ahead, so estimating all n places costs O(n²) per round; past the horizon the
    // number would be a guess anyway.
    private ReplyState QueuedState(int position, int foreign, BackendActivity[]? activity) =>
        ReplyState.Progress(ProgressView.Queued(
            position,
            position - 1 + foreign,
            activity is not null && position <= _options.EtaHorizon ? _eta.EstimateStart(position, activity) : null));

    private int ForeignQueued() => _backends.Where(b => b.Health.IsUp).Sum(b => b.Health.ForeignQueued);

    private BackendActivity[] Activity() => [.. _slots.Snapshot().Select(l => new BackendActivity(l.Name, l.InFlight))];

    private Task RunAsync(ActiveJob active, string backendName)
    {
        var backend = FindBackend(backendName)!;
        return HoldSlotAsync(active, backendName, async () =>
        {
            using var scope = await OpenScopeAsync(active, backend);
            var tracked = scope is null ? null : await SubmitToBackendAsync(active, backend, scope);
            if (tracked is not null)
            {
                await FollowAsync(active, backend, tracked);
            }
        });
    }

    /// <summary>
    /// Runs a job's work on a backend (a fresh dispatch or a job reattached at start) and ends it the one way both
    /// need: shutdown leaves the job in the store, a move sends it back to the queue, a crash fails it, and the
    /// backend's slot is released whatever happened.
    /// </summary>
    private async Task HoldSlotAsync(ActiveJob active, string backendName, Func<Task> work)
    {
        // Every line this job causes from here (tracker, client, reply, store) carries its JobId.
        using var logScope = JobLogScope(_logger, active.Job.Id);
        try
        {
            await work();
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Shutting down: the store keeps the job as it is, and the next start reattaches it.
        }
        catch (OperationCanceledException) when (active.MovingFrom is not null)
        {
            await MoveBackAsync(active);
        }
        catch (Exception error)
        {
            LogJobCrashed(error, active.Job.Id);
            await EndAsync(active, JobState.Failed, ReplyTexts.Crashed(error.Message), CancellationToken.None);
        }
        finally
        {
            _slots.Release(backendName);
            Wake();
        }
    }

    private async Task<IJobScope?> OpenScopeAsync(ActiveJob active, IJobBackend backend)
    {
        // A new scope waits for its first WebSocket connection, which never comes from a server that is down.
        using var connect = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(active.Stop.Token, connect.Token);
        try
        {
            return await backend.OpenScopeAsync(ScopeKey(active.Job), linked.Token);
        }
        catch (OperationCanceledException) when (connect.IsCancellationRequested && !active.Stop.IsCancellationRequested)
        {
            await KeepWaitingAsync(active, backend, new TimeoutException($"its event stream did not connect within {_options.ConnectTimeout}"));
            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException && !_shutdown.IsCancellationRequested)
        {
            await KeepWaitingAsync(active, backend, error);
            return null;
        }
        catch (OperationCanceledException) when (active.CancelledBy is not null && !_shutdown.IsCancellationRequested)
        {
            await EndCancelledAsync(active);
            return null;
        }
    }

    private async Task KeepWaitingAsync(ActiveJob active, IJobBackend backend, Exception error)
    {
        LogBackendOffline(backend.Name, active.Job.Id, error.Message);
        _holds.Hold(backend.Name);

        active.WaitingNote = ReplyTexts.Offline;
        active.Show(ReplyState.Progress(active.WaitingNote));
        await RequeueAsync(active);
    }

    /// <summary>Returns the tracked prompt, or null when the job went back to waiting or ended here.</summary>
    private async Task<TrackedJob?> SubmitToBackendAsync(ActiveJob active, IJobBackend backend, IJobScope scope)
    {
        var job = active.Job;
        var ct = active.Stop.Token;
        RenderedWorkflow rendered;
        TrackedJob tracked;
        try
        {
            rendered = Definition(job.Workflow).Template.Render(await WithInputImageAsync(job, backend, ct));
            tracked = await scope.SubmitAsync(new PromptRequest(rendered.ToJsonObject()) { ClientId = scope.ClientId }, ct);
            job = await _store.TransitionAsync(
                job.Id,
                JobState.Submitted,
                j => j with { Backend = backend.Name, PromptId = tracked.PromptId, ClientId = scope.ClientId, Seed = rendered.Seed ?? j.Seed },
                CancellationToken.None);
            active.Job = job;
            active.MoveTo(RunState.Submitted);
            active.WaitingNote = null;
            CleanUpAfter(backend);
        }
        catch (ArgumentException error) when (error is not ArgumentOutOfRangeException)
        {
            // Render refused the stored values (a template changed since the job was queued).
            await EndAsync(active, JobState.Failed, ReplyTexts.CannotRunWithOptions(error.Message), CancellationToken.None);
            return null;
        }
        catch (PromptValidationException error)
        {
            await EndAsync(active, JobState.Failed, ReplyTexts.RefusedByServer(error.Message), CancellationToken.None);
            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException && !_shutdown.IsCancellationRequested)
        {
            await KeepWaitingAsync(active, backend, error);
            return null;
        }
        catch (OperationCanceledException) when (active.CancelledBy is not null && !_shutdown.IsCancellationRequested)
        {
            await EndCancelledAsync(active);
            return null;
        }

        if (active.CancelledBy is not null)
        {
            await tracked.DisposeAsync();
            await DeleteQuietlyAsync(backend, tracked.PromptId);
            await EndCancelledAsync(active);
            return null;
        }

        return tracked;
    }

    /// <summary>
    /// Uploads the job's input image to <paramref name="backend"/> and points the parameters at the name it returned.
    /// Every attempt uploads again: another backend, or a restarted one, does not have the file.
    /// </summary>
    private async Task<WorkflowParameters> WithInputImageAsync(Job job, IJobBackend backend, CancellationToken cancellationToken)
    {
        if (!Definition(job.Workflow).TakesImage || await _store.GetInputImageAsync(job.Id, cancellationToken) is not { } input)
        {
            return job.Parameters;
        }

        return job.Parameters with { Image = await backend.UploadImageAsync(input.Content, input.FileName, cancellationToken) };
    }

    private async Task RequeueAsync(ActiveJob active)
    {
        if (active.Job.State != JobState.Waiting)
        {
            active.Job = await _store.TransitionAsync(active.Job.Id, JobState.Waiting, cancellationToken: CancellationToken.None);
        }

        active.MoveTo(RunState.Waiting);
        active.Fetched.Clear();

        // It had its turn: it keeps its place ahead of jobs submitted while it was away.
        _scheduler.Return(ToQueued(active.Job));
    }

    private async Task DeleteQuietlyAsync(IJobBackend backend, string promptId)
    {
        try
        {
            await backend.DeleteFromQueueAsync([promptId], CancellationToken.None);
        }
        catch (Exception error) when (BackendTrouble.Is(error))
        {
            LogBackendOffline(backend.Name, 0, error.Message);
        }
    }
}
