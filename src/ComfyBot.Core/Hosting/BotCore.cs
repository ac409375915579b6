using ComfyBot.Core.Backends;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;

namespace ComfyBot.Core.Hosting;

/// <summary>The Core objects <see cref="CoreStartup"/> makes, which the host's handlers receive one by one through DI.</summary>
/// <param name="Store">The job store.</param>
/// <param name="Monitor">The backends and their health.</param>
/// <param name="Jobs">The job service: submit, cancel, list, pause.</param>
/// <param name="Policy">Bans, limits, weights and who is an admin.</param>
/// <param name="Bans">The stored bans (ban and unban through here).</param>
/// <param name="Catalog">The workflows members can run (the first is the default).</param>
public sealed record BotCore(JobStore Store, BackendMonitor Monitor, JobService Jobs, JobPolicy Policy, BanList Bans, WorkflowCatalog Catalog)
{
    /// <summary>The channel rules and the prompt filter every job passes (the same object the job service screens with).</summary>
    public required ModerationGate Moderation { get; init; }

    /// <summary>The store's other tables (audit, bans, prompt filters, settings, usage, images), over the job store's file.</summary>
    public required StoreTables Tables { get; init; }
}
