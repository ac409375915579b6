namespace ComfyBot.Discord.Interactions;

/// <summary>How an interaction reached us.</summary>
public enum InteractionSource
{
    /// <summary>An INTERACTION_CREATE dispatch on the gateway.</summary>
    Gateway,

    /// <summary>A signed POST to the HTTP interactions endpoint.</summary>
    HttpEndpoint,
}
