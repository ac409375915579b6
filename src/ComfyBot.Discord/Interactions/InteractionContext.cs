namespace ComfyBot.Discord.Interactions;

/// <summary>One received interaction and the signal its handler gives once the first callback went out.</summary>
public sealed class InteractionContext
{
    private readonly TaskCompletionSource _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a context; the gateway and the HTTP endpoint do this, tests may too.</summary>
    public InteractionContext(Interaction interaction, InteractionSource source)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        Interaction = interaction;
        Source = source;
    }

    /// <summary>The interaction.</summary>
    public Interaction Interaction { get; }

    /// <summary>Whether it came over the gateway or the HTTP endpoint.</summary>
    public InteractionSource Source { get; }

    /// <summary>Whether <see cref="Acknowledge"/> was called.</summary>
    public bool IsAcknowledged => _acknowledged.Task.IsCompleted;

    /// <summary>Completes when the handler acknowledged (or failed before it could).</summary>
    internal Task Acknowledged => _acknowledged.Task;

    /// <summary>
    /// Says that the first callback (POST /interactions/{id}/{token}/callback) succeeded. In HTTP mode the
    /// endpoint then answers Discord's request with 202; calling it again does nothing.
    /// </summary>
    public void Acknowledge() => _acknowledged.TrySetResult();

    internal void Fail(Exception error) => _acknowledged.TrySetException(error);
}
