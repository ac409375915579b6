using System.Globalization;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Testing;
using ComfyBot.Tests.Commands;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>A template no GPU server can run is warned about at start, not offered, and shown per server by /comfy-admin backends.</summary>
public sealed class TemplateReachTests
{
    [Fact]
    public async Task ATemplateThatRunsNowhere_IsWarnedAtStart_NotOffered_AndListedPerServer()
    {
        var logs = new CapturedLogs();
        var options = new BotBedOptions { ConfigureLogging = logging => logging.AddProvider(logs) };
        options.Configuration["ComfyBot:Policy:AdminUserIds:0"] = CommandSteps.AdminId.ToString(CultureInfo.InvariantCulture);
        options.ExtraTemplates["imgbroken"] = RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json")
            .Replace("trace_sd15_random.safetensors", "missing-model.safetensors", StringComparison.Ordinal);
        await using var bed = await BotBed.StartAsync(options);

        var offered = await CommandSteps.SuggestAsync(bed, "imagine", CommandSteps.Alice, SlashCommandOption.Text("prompt", "x"), SlashCommandOption.Text("workflow", "img") with { Focused = true });
        var backends = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "backends");

        Assert.Equal(["img2img", "txt2img"], offered);
        Assert.Contains("  templates: txt2img, img2img, fail · cannot run: imgbroken", backends.Content, StringComparison.Ordinal);
        // Warned once the first check of the servers answered (it runs in the background, after READY).
        await Polling.UntilAsync(() => logs.Lines.Any(l => l.StartsWith("Warning: Template imgbroken can run on none of the GPU servers", StringComparison.Ordinal) && l.Contains("missing-model.safetensors", StringComparison.Ordinal)), BotBed.HangGuard);
        bed.Fake.AssertNoContractViolations();
    }

    private sealed class CapturedLogs : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (_lines)
                {
                    _lines.Add($"{logLevel}: {formatter(state, exception)}");
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
