using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Store;

/// <summary>A temp folder for one test's SQLite files, deleted afterwards, with a fake clock.</summary>
internal sealed class StoreFolder : IDisposable
{
    public StoreFolder()
    {
        Folder = Directory.CreateTempSubdirectory("comfybot-store-").FullName;
        DbPath = Path.Combine(Folder, "sub", "jobs.db");
    }

    public string Folder { get; }

    public string DbPath { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero));

    public Task<JobStore> OpenAsync() => JobStore.OpenAsync(new JobStoreOptions { Path = DbPath }, Time);

    public static Job NewJob(ulong owner = 1001, string prompt = "a lighthouse at dusk") => new()
    {
        Owner = new JobOwner(owner, "member" + owner),
        GuildId = 42,
        ChannelId = 77,
        Workflow = "txt2img",
        Parameters = new WorkflowParameters { Prompt = prompt, Steps = 20 },
        Weight = 1,
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
