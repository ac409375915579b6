namespace ComfyBot.Cli;

/// <summary>
/// Shows a job's reply as it changes. On a terminal the current state is redrawn in place (a live display);
/// when the output is redirected, or in the demo, each new state gets its own line, which is the sequence of
/// edits a Discord reply goes through.
/// </summary>
internal sealed class ReplyPrinter(TextWriter output, bool redrawInPlace)
{
    private string? lastIdentity;
    private int lastWidth;

    /// <summary>
    /// Shows <paramref name="text"/> unless the state it stands for is already shown. <paramref name="identity"/>
    /// names that state without what merely ticks (the elapsed time), so a clock alone does not add a line.
    /// </summary>
    public void Show(string text, string? identity = null)
    {
        identity ??= text;
        if (identity == lastIdentity)
        {
            return;
        }

        lastIdentity = identity;
        if (redrawInPlace)
        {
            var padding = Math.Max(0, lastWidth - text.Length);
            output.Write('\r' + text + new string(' ', padding));
            lastWidth = text.Length;
        }
        else
        {
            output.WriteLine(text);
        }
    }

    /// <summary>Ends the live line so that what follows starts on a fresh one.</summary>
    public void Finish()
    {
        if (redrawInPlace && lastIdentity is not null)
        {
            output.WriteLine();
        }

        lastIdentity = null;
        lastWidth = 0;
    }
}
