using System.Collections.Concurrent;
using System.Net;
using ComfyBot.Comfy.Http;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Hosting;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Tests.Hosting;

/// <summary>Core registered by its own <c>AddComfyBotCore()</c>: its backends take their ComfyUI clients from DI, and what it starts is served by DI.</summary>
public sealed class CoreRegistrationTests
{
    [Fact]
    public async Task AddComfyBotCore_MakesTheBackendsWithTheClientFactoryFromDI_AndServesWhatItStarted()
    {
        var seen = new ConcurrentQueue<Uri>();
        var folder = Directory.CreateTempSubdirectory("comfybot-core-di-");
        var services = new ServiceCollection();
        services.AddLogging().AddMetrics();
        services.AddSingleton(TimeProvider.System);

        // Registered before Core's own: the host (or a test) decides how the servers are reached.
        services.AddSingleton(new ComfyClientFactory(TimeProvider.System, NullLoggerFactory.Instance, () => new RecordingHandler(seen)));
        services.AddSingleton<IJobViewFactory, NoViews>();
        services.AddComfyBotCore(_ => new ComfyBotCoreOptions
        {
            Backends = [new BackendOptions { Name = "gpu-1", Url = new Uri("http://gpu.invalid:8188/") }],
            Store = new JobStoreOptions { Path = Path.Combine(folder.FullName, "jobs.db") },
        });

        await using (var provider = services.BuildServiceProvider())
        {
            var startup = provider.GetRequiredService<CoreStartup>();
            Assert.Null(startup.Core);
            var core = await startup.StartAsync(await TemplateLoader.LoadAsync([], CancellationToken.None), CancellationToken.None);
            try
            {
                Assert.Same(core.Store, provider.GetRequiredService<JobStore>());
                Assert.Same(core.Monitor, provider.GetRequiredService<BackendMonitor>());
                Assert.Same(core.Jobs, provider.GetRequiredService<JobService>());
                Assert.Same(core.Bans, provider.GetRequiredService<Core.Policies.BanList>());

                // The store's tables beside the jobs are served one by one, as start-up made them over the store's file.
                Assert.Same(core.Tables.Audit, provider.GetRequiredService<AuditLog>());
                Assert.Same(core.Tables.Bans, provider.GetRequiredService<BanStore>());
                Assert.Same(core.Tables.PromptFilters, provider.GetRequiredService<PromptFilterStore>());
                Assert.Same(core.Tables.Settings, provider.GetRequiredService<MemberSettingsStore>());
                Assert.Same(core.Tables.Usage, provider.GetRequiredService<UsageStore>());
                Assert.Same(core.Tables.Images, provider.GetRequiredService<ImageStore>());

                // The first probe (in the background since issue 15) went through the factory DI holds, not a connection
                // the backend made for itself.
                await core.Monitor.FirstCheck.WaitAsync(global::ComfyBot.Testing.TestGuards.HangGuard);
                Assert.Contains(seen, uri => uri.Authority == "gpu.invalid:8188");
            }
            finally
            {
                await startup.DisposeAsync();
            }

            Assert.Null(startup.Core);
        }

        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private sealed class RecordingHandler(ConcurrentQueue<Uri> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }

    private sealed class NoViews : IJobViewFactory
    {
        public IJobView Create(Job job) => throw new NotSupportedException("No job runs in this test.");
    }
}
