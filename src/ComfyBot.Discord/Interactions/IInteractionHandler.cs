namespace ComfyBot.Discord.Interactions;

/// <summary>
/// The one place interactions go, whichever way they arrived. The handler answers over REST (callback
/// within 3 s of <see cref="Interaction.CreatedAt"/>), then calls <see cref="InteractionContext.Acknowledge"/>
/// so the HTTP endpoint can finish its request. It may keep working afterwards (edits, followups).
/// </summary>
public interface IInteractionHandler
{
    /// <summary>Handles one interaction. Interactions are handled concurrently, each in its own task.</summary>
    Task HandleAsync(InteractionContext context, CancellationToken cancellationToken);
}
