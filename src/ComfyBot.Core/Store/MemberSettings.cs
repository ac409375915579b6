namespace ComfyBot.Core.Store;

/// <summary>
/// A member's defaults for /imagine, set with /settings: each applies when the member leaves that option out, and an
/// option given always wins. Null is "not set".
/// </summary>
public sealed record MemberSettings
{
    /// <summary>No default set.</summary>
    public static MemberSettings None { get; } = new();

    /// <summary>The workflow to run.</summary>
    public string? Workflow { get; init; }

    /// <summary>The negative prompt.</summary>
    public string? Negative { get; init; }

    /// <summary>The aspect ratio, as typed (e.g. <c>16:9</c>).</summary>
    public string? AspectRatio { get; init; }

    /// <summary>Sampling steps.</summary>
    public int? Steps { get; init; }

    /// <summary>Whether replies are ephemeral (seen by the member alone).</summary>
    public bool? Private { get; init; }

    /// <summary>How a batch of four with a grid is shown.</summary>
    public GridLayout Grid { get; init; }

    /// <summary>Whether nothing is set.</summary>
    public bool IsEmpty => this == None;
}

/// <summary>How a batch of four on a grid workflow is shown.</summary>
public enum GridLayout
{
    /// <summary>Not chosen: the grid and the single images.</summary>
    Unset = 0,

    /// <summary>The numbered grid, then the four images (each can be saved on its own).</summary>
    GridAndSingles = 1,

    /// <summary>The numbered grid alone: a shorter reply; U1…U4 and V1…V4 still act on each image.</summary>
    GridOnly = 2,
}
