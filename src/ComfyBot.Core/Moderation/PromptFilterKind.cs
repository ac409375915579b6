namespace ComfyBot.Core.Moderation;

/// <summary>How a filter rule matches a prompt.</summary>
public enum PromptFilterKind
{
    /// <summary>A word or phrase, as a whole word, ignoring case.</summary>
    Word,

    /// <summary>A .NET regular expression, ignoring case.</summary>
    Pattern,
}
