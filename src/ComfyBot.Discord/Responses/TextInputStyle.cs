namespace ComfyBot.Discord.Responses;

/// <summary>A text input's size.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Discord's own name for the style.")]
public enum TextInputStyle
{
    /// <summary>One line.</summary>
    Short = 1,

    /// <summary>Several lines.</summary>
    Paragraph = 2,
}
