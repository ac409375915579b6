using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Running;

/// <summary>Settings of <see cref="JobService"/> (section ComfyBot:Jobs).</summary>
public sealed class JobServiceOptions
{
    /// <summary>Whether the ComfyUI client id is per channel or per member. Default Channel.</summary>
    public ScopeKeyKind ScopeBy { get; set; } = ScopeKeyKind.Channel;

    /// <summary>The attachment size limit used for a job's images (Discord's default 10 MiB).</summary>
    public long AttachmentByteLimit { get; set; } = 10L * 1024 * 1024;

    /// <summary>How long a backend that refused a submission is skipped before it is tried again.</summary>
    public TimeSpan OfflineRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a job waits for a backend's event stream to connect before the backend counts as offline.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a job lost by a GPU server is queued again before it fails.</summary>
    public int LostRequeues { get; set; } = 1;

    /// <summary>Queue places up to this one get a start estimate in their reply; later ones show the place only.</summary>
    public int EtaHorizon { get; set; } = 100;

    /// <summary>How many characters of the prompt the queue listing shows.</summary>
    public int PromptPreviewLength { get; set; } = 40;

    /// <summary>Pacing of reply edits.</summary>
    public ReplyThrottleOptions Reply { get; set; } = new();

    /// <summary>Every value that cannot work, each with its key under <paramref name="section"/> and the fix; empty when all can.</summary>
    public IReadOnlyList<string> Validate(string section = "ComfyBot:Jobs")
    {
        var problems = new List<string>();
        if (AttachmentByteLimit < 1024)
        {
            problems.Add($"{section}:AttachmentByteLimit is {AttachmentByteLimit}; use at least 1024 bytes (Discord's default is 10485760).");
        }

        if (OfflineRetryDelay <= TimeSpan.Zero)
        {
            problems.Add($"{section}:OfflineRetryDelay is {OfflineRetryDelay}; use a positive duration such as 00:00:15.");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{section}:ConnectTimeout is {ConnectTimeout}; use a positive duration such as 00:00:10.");
        }

        if (LostRequeues < 0)
        {
            problems.Add($"{section}:LostRequeues is {LostRequeues}; use 0 or more (default 1).");
        }

        if (EtaHorizon < 0)
        {
            problems.Add($"{section}:EtaHorizon is {EtaHorizon}; use 0 (no estimates) or more (default 100).");
        }

        if (PromptPreviewLength < 1)
        {
            problems.Add($"{section}:PromptPreviewLength is {PromptPreviewLength}; use 1 or more (default 40).");
        }

        if (Reply is null)
        {
            problems.Add($"{section}:Reply is null; remove the key to keep the default pacing.");
        }
        else
        {
            problems.AddRange(Reply.Validate(section + ":Reply"));
        }

        return problems;
    }
}
