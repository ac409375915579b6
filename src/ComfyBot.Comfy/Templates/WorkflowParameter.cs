namespace ComfyBot.Comfy.Templates;

/// <summary>A value a caller may set when rendering a template. <see cref="WorkflowParameterNames"/> gives their names.</summary>
public enum WorkflowParameter
{
    /// <summary><c>prompt</c>: the positive text (string).</summary>
    Prompt,

    /// <summary><c>negative</c>: the negative text (string).</summary>
    Negative,

    /// <summary><c>seed</c>: applied to every seed input (ulong, 0 … 2^64−1); random when not given.</summary>
    Seed,

    /// <summary><c>width</c>: latent width in pixels (int).</summary>
    Width,

    /// <summary><c>height</c>: latent height in pixels (int).</summary>
    Height,

    /// <summary><c>batch</c>: images per run, the latent's batch_size (int).</summary>
    Batch,

    /// <summary><c>steps</c>: sampling steps (int).</summary>
    Steps,

    /// <summary><c>cfg</c>: classifier-free guidance scale (double).</summary>
    Cfg,

    /// <summary><c>sampler</c>: sampler_name, e.g. <c>euler</c> (string).</summary>
    Sampler,

    /// <summary><c>scheduler</c>: e.g. <c>normal</c>, <c>karras</c> (string).</summary>
    Scheduler,

    /// <summary><c>checkpoint</c>: the checkpoint file, ckpt_name (string).</summary>
    Checkpoint,

    /// <summary><c>denoise</c>: 0 … 1, how much of an input image to repaint (double).</summary>
    Denoise,

    /// <summary><c>image</c>: an input image, the name POST /upload/image returned (string).</summary>
    Image,

    /// <summary><c>lora</c>: the LoRA file a LoRA loader applies, lora_name (string).</summary>
    Lora,

    /// <summary><c>lora_strength</c>: how strongly the LoRA applies, its loader's strengths (double).</summary>
    LoraStrength,
}
