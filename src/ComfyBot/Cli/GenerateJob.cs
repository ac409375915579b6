using ComfyBot.Comfy;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Templates;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Progress;

namespace ComfyBot.Cli;

/// <summary>
/// Runs one workflow on one ComfyUI server from the command line: checks it against the server, submits it,
/// shows the reply's states as they change, and saves the images. Used by <c>generate</c> and <c>demo</c>.
/// </summary>
internal sealed class GenerateJob(ComfyConnection comfy, ReplyPrinter reply, TextWriter output, TextWriter errors, TimeProvider time)
{
    /// <summary>Sees each snapshot as it arrives, before it is shown (the demo uses it to pace its simulator).</summary>
    public Action<JobSnapshot>? OnSnapshot { get; init; }

    public async Task<ExitCode> RunAsync(GenerateRequest request, CancellationToken cancellationToken)
    {
        var catalog = await comfy.Client.GetObjectInfoAsync(cancellationToken);
        var models = await ReadModelsAsync(cancellationToken);
        var parameters = await PrepareAsync(request, catalog, models, cancellationToken);

        RenderedWorkflow rendered;
        try
        {
            rendered = request.Template.Render(parameters);
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return ExitCode.InvalidWorkflow;
        }

        var problems = request.Template.Validate(catalog, rendered, models);
        if (problems.Count > 0)
        {
            errors.WriteLine($"error: '{request.Template.Name}' would be refused by {comfy.Client.ServerAddress}:");
            foreach (var problem in problems)
            {
                errors.WriteLine($"  - {problem}");
            }

            return ExitCode.InvalidWorkflow;
        }

        await comfy.Events.StartAsync(cancellationToken);
        var started = time.GetTimestamp();
        TrackedJob job;
        try
        {
            job = await comfy.Tracker.SubmitAsync(new PromptRequest(rendered.ToJsonObject()), cancellationToken);
        }
        catch (PromptValidationException e)
        {
            errors.WriteLine($"error: ComfyUI refused the workflow ({e.ErrorType}): {e.ErrorMessage}");
            foreach (var nodeError in e.NodeErrors)
            {
                errors.WriteLine($"  - {nodeError}");
            }

            return ExitCode.InvalidWorkflow;
        }

        await using (job)
        {
            output.WriteLine($"Submitted prompt {job.PromptId} to {comfy.Client.ServerAddress} (seed {rendered.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "fixed by the workflow"}).");
            foreach (var skipped in job.Submission?.SkippedOutputs ?? [])
            {
                errors.WriteLine($"warning: ComfyUI will not run output {skipped}");
            }

            await foreach (var snapshot in job.ReadSnapshotsAsync(cancellationToken))
            {
                OnSnapshot?.Invoke(snapshot);
                reply.Show(
                    snapshot switch
                    {
                        JobQueued q => ProgressView.Queued(q.Position, q.Ahead),
                        JobRunning r => ProgressView.Running(r, time.GetElapsedTime(started)),
                        _ => snapshot.ToString(),
                    },
                    ProgressView.Identity(snapshot));
            }

            var outcome = await job.Outcome;
            if (outcome is not JobSucceeded success)
            {
                reply.Show(ProgressView.Ended(outcome));
                reply.Finish();
                return outcome switch
                {
                    JobFailed => ExitCode.GenerationFailed,
                    JobInterrupted => ExitCode.Interrupted,
                    _ => ExitCode.Lost,
                };
            }

            var saved = await SaveAsync(success, request.OutputDirectory, cancellationToken);
            if (saved.Count == 0)
            {
                // Never "Done: 0 images" with exit 0: a script must see that nothing was made.
                reply.Show(OutcomeNotes.NoImage(success));
                reply.Finish();
                return success.SkippedOutputs.Count > 0 ? ExitCode.InvalidWorkflow : ExitCode.NoImage;
            }

            var done = ProgressView.Done(saved.Count, rendered.Seed, time.GetElapsedTime(started));
            reply.Show(OutcomeNotes.Skipped(success.SkippedOutputs) is { } note ? $"{done}\n{note}" : done);
            reply.Finish();
            foreach (var path in saved)
            {
                output.WriteLine(path);
            }

            return ExitCode.Success;
        }
    }

    private async Task<WorkflowParameters> PrepareAsync(
        GenerateRequest request, Comfy.Nodes.NodeCatalog catalog, IReadOnlyDictionary<string, IReadOnlyList<string>> models, CancellationToken cancellationToken)
    {
        var parameters = request.Parameters;
        if (parameters.Image is { } image && File.Exists(image))
        {
            // A local file is uploaded first; the workflow then names it as ComfyUI stored it.
            await using var stream = File.OpenRead(image);
            var uploaded = await comfy.Client.UploadImageAsync(stream, Path.GetFileName(image), cancellationToken: cancellationToken);
            parameters = parameters with { Image = string.IsNullOrEmpty(uploaded.Subfolder) ? uploaded.Filename : $"{uploaded.Subfolder}/{uploaded.Filename}" };
            output.WriteLine($"Uploaded {image} as '{parameters.Image}'.");
        }

        if (parameters.Checkpoint is null && request.Template.Accepts(WorkflowParameter.Checkpoint)
            && models.TryGetValue("checkpoints", out var checkpoints) && checkpoints.Count > 0)
        {
            // A shared template names the author's checkpoint; on another server, use one that exists there.
            var spec = request.Template.DescribeParameters(catalog, models).First(s => s.Parameter == WorkflowParameter.Checkpoint);
            var wanted = spec.TemplateValue?.ValueKind == System.Text.Json.JsonValueKind.String ? spec.TemplateValue.Value.GetString() : null;
            if (wanted is null || !checkpoints.Contains(wanted))
            {
                parameters = parameters with { Checkpoint = checkpoints[0] };
                output.WriteLine($"Checkpoint '{wanted}' is not on this server; using '{checkpoints[0]}' (set --param checkpoint=NAME to choose).");
            }
        }

        return parameters;
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadModelsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return new Dictionary<string, IReadOnlyList<string>>
            {
                ["checkpoints"] = await comfy.Client.GetModelsAsync("checkpoints", cancellationToken),
            };
        }
        catch (ComfyHttpException)
        {
            // Servers before the /models route exist; the catalogue's combos still list the files.
            return new Dictionary<string, IReadOnlyList<string>>();
        }
    }

    /// <summary>Saves the files the run wrote on the server, then the images it sent only over the WebSocket.</summary>
    private async Task<List<string>> SaveAsync(JobSucceeded success, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var saved = new List<string>();
        foreach (var output in success.Outputs.Where(o => o.File.Type == "output").DistinctBy(o => o.File))
        {
            var path = Path.GetFullPath(Path.Combine(directory, Path.GetFileName(output.File.Filename)));
            await using var file = File.Create(path);
            await comfy.Client.DownloadFileAsync(output.File, file, cancellationToken);
            saved.Add(path);
        }

        foreach (var image in OutcomeNotes.StreamedImages(success))
        {
            // Named by prompt too: the server keeps no file, so nothing else tells two runs' images apart.
            var path = Path.GetFullPath(Path.Combine(directory, $"{success.PromptId}_{image.FileName}"));
            await File.WriteAllBytesAsync(path, image.Content, cancellationToken);
            saved.Add(path);
        }

        return saved;
    }
}
