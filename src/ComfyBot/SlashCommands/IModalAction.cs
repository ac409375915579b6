namespace ComfyBot.SlashCommands;

/// <summary>
/// Handles the submission of a modal the bot opened, whose custom id is <c>&lt;prefix&gt;:&lt;argument&gt;</c> (e.g.
/// <c>edit:42</c>); register with <c>services.AddModalAction&lt;T&gt;()</c>.
/// </summary>
internal interface IModalAction
{
    /// <summary>The part of the custom id before the first ':'.</summary>
    string Prefix { get; }

    /// <summary>Handles a submission: answer (or defer) within 3 s through <paramref name="invocation"/>.</summary>
    Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken);
}
