using ComfyBot.Discord.Interactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// Turns INTERACTION_CREATE dispatches into <see cref="Interaction"/>s for an <see cref="IInteractionHandler"/>.
/// Subscribe it with <see cref="GatewayClient.Subscribe"/>; each interaction runs in its own task.
/// </summary>
public sealed class GatewayInteractionSource : IGatewayDispatchHandler, IAsyncDisposable
{
    private readonly InteractionDispatcher _dispatcher;
    private readonly ILogger _logger;

    /// <summary>Creates the source for <paramref name="handler"/>.</summary>
    public GatewayInteractionSource(IInteractionHandler handler, ILogger<GatewayInteractionSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _dispatcher = new InteractionDispatcher(handler, _logger);
    }

    /// <inheritdoc />
    public ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        if (dispatch.EventName != GatewayEventNames.InteractionCreate)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            _dispatcher.Dispatch(InteractionParser.Parse(dispatch.Data.Span), InteractionSource.Gateway);
        }
        catch (InteractionFormatException ex)
        {
            _logger.LogWarning(ex, "Dropped an INTERACTION_CREATE (shard {Shard}, seq {Sequence}) that could not be parsed", dispatch.ShardId, dispatch.Sequence);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Cancels and awaits the handlers still running.</summary>
    public ValueTask DisposeAsync() => _dispatcher.DisposeAsync();
}
