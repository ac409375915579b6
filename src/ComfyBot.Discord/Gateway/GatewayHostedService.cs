using ComfyBot.Discord.Interactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// Runs the <see cref="GatewayClient"/> for the host's lifetime and feeds its interactions to the registered
/// <see cref="IInteractionHandler"/>, if any. A fatal close code (bad token, intents) stops the application,
/// since the bot cannot work without its gateway and retrying would not help.
/// </summary>
internal sealed class GatewayHostedService : IHostedService, IAsyncDisposable
{
    private readonly GatewayClient _client;
    private readonly IServiceProvider _services;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<GatewayHostedService> _logger;
    private GatewayInteractionSource? _interactions;
    private Task _watch = Task.CompletedTask;

    public GatewayHostedService(GatewayClient client, IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<GatewayHostedService> logger)
    {
        _client = client;
        _services = services;
        _lifetime = lifetime;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_services.GetService<IInteractionHandler>() is { } handler)
        {
            _interactions = new GatewayInteractionSource(handler, _services.GetService<ILogger<GatewayInteractionSource>>());
            _client.Subscribe(_interactions);
        }

        await _client.StartAsync(cancellationToken);
        _watch = WatchAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _client.StopAsync(cancellationToken);
        await _watch;
    }

    public async ValueTask DisposeAsync()
    {
        if (_interactions is not null)
        {
            await _interactions.DisposeAsync();
        }
    }

    private async Task WatchAsync()
    {
        try
        {
            await _client.Completion;
        }
        catch (GatewayFatalException ex)
        {
            _logger.LogCritical("Stopping: {Reason}", ex.Message);
            _lifetime.StopApplication();
        }
    }
}
