namespace ComfyBot.Simulator;

/// <summary>
/// How a <see cref="ComfySimulator"/> starts. Every fault here can also be changed at run time through the
/// simulator's methods or its <c>/simulator/...</c> control routes.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1. <value>Default 0: the OS picks a free port.</value></summary>
    public int Port { get; set; }

    /// <summary>
    /// Sampler speed in progress steps per second (KSampler, KSamplerAdvanced, SamplerCustom,
    /// SamplerCustomAdvanced, TraceSleep). <value>Default 0: instant, no waiting at all.</value>
    /// </summary>
    public double StepsPerSecond { get; set; }

    /// <summary>
    /// A node class (e.g. <c>KSampler</c>) or node id (e.g. <c>3</c>) that raises at run time, giving an
    /// <c>execution_error</c> like a real node failure. <value>Default null: nothing fails on purpose.</value>
    /// </summary>
    public string? FailNode { get; set; }

    /// <summary>
    /// Extra wait between the terminal message (<c>execution_success</c>/<c>_error</c>/<c>_interrupted</c>)
    /// and the history write, to widen the real server's "history is still {}" race.
    /// <value>Default zero.</value>
    /// </summary>
    public TimeSpan HistoryWriteDelay { get; set; }

    /// <summary>
    /// How long GET /object_info (the whole catalogue) takes before it answers, as a real ComfyUI with many custom nodes
    /// takes seconds to build it (for harnesses; tests hold it on a signal instead). <value>Default zero.</value>
    /// </summary>
    public TimeSpan ObjectInfoDelay { get; set; }

    /// <summary>Whether samplers send latent previews (the recorded server ran with latent2rgb). <value>Default true.</value></summary>
    public bool Previews { get; set; } = true;

    /// <summary>
    /// Folder for input/, output/ and temp/. <value>Default null: a fresh folder under the system temp path,
    /// deleted when the simulator is disposed.</value>
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Largest accepted request body, reported as <c>max_upload_size</c>. <value>Default 100 MiB, as ComfyUI.</value></summary>
    public long MaxUploadSize { get; set; } = 100L * 1024 * 1024;

    /// <summary>Device name reported by /system_stats. <value>Default "cuda:0 NVIDIA Simulated GPU : cudaMallocAsync".</value></summary>
    public string GpuName { get; set; } = "cuda:0 NVIDIA Simulated GPU : cudaMallocAsync";

    /// <summary>VRAM reported by /system_stats, in bytes. <value>Default 24 GiB.</value></summary>
    public long VramTotal { get; set; } = 24L * 1024 * 1024 * 1024;

    /// <summary>Write ASP.NET Core and simulator logs to the console. <value>Default false (quiet in tests).</value></summary>
    public bool ConsoleLogging { get; set; }

    /// <summary>
    /// Node classes this server lacks, as a ComfyUI without some custom node pack (e.g. <c>SaveImageWebsocket</c>):
    /// /object_info leaves them out and answers for one as for any unknown class, and a prompt that uses one is refused
    /// as ComfyUI refuses it ("node X does not exist"). <value>Default none: the recorded server's full catalogue.</value>
    /// </summary>
    public IReadOnlyCollection<string> MissingNodes { get; set; } = [];

    /// <summary>
    /// Model files per folder (the GET /models/{folder} key, e.g. <c>checkpoints</c>, <c>loras</c>), as the real server
    /// lists what is on its disk: GET /models/{folder} answers them, and the loaders' combos in /object_info (ckpt_name,
    /// lora_name …) list them and accept only them. A folder not given keeps the recorded server's files (one checkpoint,
    /// no LoRA). <value>Default empty: the recorded server's files.</value>
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Models { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Clock for step pacing, timestamps and delays. <value>Default <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Every value that cannot work, each with its fix; empty when all can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Port is < 0 or > 65535)
        {
            problems.Add($"Port is {Port}; use 0 (any free port) or 1-65535.");
        }

        if (double.IsNaN(StepsPerSecond) || StepsPerSecond < 0)
        {
            problems.Add($"StepsPerSecond is {StepsPerSecond}; use 0 (instant) or a positive number such as 20.");
        }

        if (HistoryWriteDelay < TimeSpan.Zero)
        {
            problems.Add($"HistoryWriteDelay is {HistoryWriteDelay}; use zero or a positive duration.");
        }

        if (ObjectInfoDelay < TimeSpan.Zero)
        {
            problems.Add($"ObjectInfoDelay is {ObjectInfoDelay}; use zero or a positive duration.");
        }

        if (MaxUploadSize <= 0)
        {
            problems.Add($"MaxUploadSize is {MaxUploadSize}; use a positive number of bytes such as 104857600.");
        }

        if (string.IsNullOrWhiteSpace(GpuName))
        {
            problems.Add("GpuName is empty; give a device name such as \"cuda:0 NVIDIA Simulated GPU : cudaMallocAsync\".");
        }

        if (VramTotal <= 0)
        {
            problems.Add($"VramTotal is {VramTotal}; use a positive number of bytes.");
        }

        if (FailNode is { Length: 0 } || (FailNode is not null && string.IsNullOrWhiteSpace(FailNode)))
        {
            problems.Add("FailNode is blank; give a node class (KSampler) or node id (3), or leave it null.");
        }

        if (Models is null || Models.Any(m => string.IsNullOrWhiteSpace(m.Key) || m.Value is null || m.Value.Any(string.IsNullOrWhiteSpace)))
        {
            problems.Add("Models has an empty folder name or file list entry; give folders such as \"loras\" with file names such as \"detail.safetensors\".");
        }

        return problems;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem <see cref="Validate"/> finds, if any.</summary>
    internal void EnsureValid()
    {
        if (Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("Invalid SimulatorOptions: " + string.Join(" ", problems));
        }
    }

    internal SimulatorOptions Clone() => (SimulatorOptions)MemberwiseClone();
}
