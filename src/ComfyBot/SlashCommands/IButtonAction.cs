namespace ComfyBot.SlashCommands;

/// <summary>
/// Handles clicks on buttons whose custom id is <c>&lt;prefix&gt;:&lt;argument&gt;</c> (e.g. <c>reroll:42</c>);
/// register with <c>services.AddButtonAction&lt;T&gt;()</c>.
/// </summary>
internal interface IButtonAction
{
    /// <summary>The part of the custom id before the first ':'.</summary>
    string Prefix { get; }

    /// <summary>Handles a click: answer (or defer) within 3 s through <paramref name="invocation"/>.</summary>
    Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken);
}
