namespace ComfyBot.Core.Scheduling;

/// <summary>A job that ran to completion, as fed to the <see cref="EtaEstimator"/>.</summary>
/// <param name="Workflow">The workflow template's name.</param>
/// <param name="Backend">The backend that ran it.</param>
/// <param name="Queued">How long it waited between submission and starting to execute.</param>
/// <param name="Ran">How long it executed on the backend.</param>
public sealed record FinishedRun(string Workflow, string Backend, TimeSpan Queued, TimeSpan Ran);
