namespace ComfyBot.Discord.Gateway;

/// <summary>Receives dispatch events. Each handler has its own queue, so a slow one delays only itself.</summary>
public interface IGatewayDispatchHandler
{
    /// <summary>Handles one dispatch; called for one dispatch at a time, in order.</summary>
    ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken);
}
