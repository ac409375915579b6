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

    /// <summary>Throws with the key and the fix when a value is unusable.</summary>
    public void Validate()
    {
        if (AttachmentByteLimit < 1024)
        {
            throw new ArgumentException($"Jobs:AttachmentByteLimit is {AttachmentByteLimit}; use at least 1024 bytes (Discord's default is 10485760).", nameof(AttachmentByteLimit));
        }

        if (OfflineRetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Jobs:OfflineRetryDelay is {OfflineRetryDelay}; use a positive duration such as 00:00:15.", nameof(OfflineRetryDelay));
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Jobs:ConnectTimeout is {ConnectTimeout}; use a positive duration such as 00:00:10.", nameof(ConnectTimeout));
        }

        if (LostRequeues < 0)
        {
            throw new ArgumentException($"Jobs:LostRequeues is {LostRequeues}; use 0 or more (default 1).", nameof(LostRequeues));
        }

        if (EtaHorizon < 0)
        {
            throw new ArgumentException($"Jobs:EtaHorizon is {EtaHorizon}; use 0 (no estimates) or more (default 100).", nameof(EtaHorizon));
        }

        if (PromptPreviewLength < 1)
        {
            throw new ArgumentException($"Jobs:PromptPreviewLength is {PromptPreviewLength}; use 1 or more (default 40).", nameof(PromptPreviewLength));
        }

        ArgumentNullException.ThrowIfNull(Reply, "Jobs:Reply");
        Reply.Validate();
    }
}
