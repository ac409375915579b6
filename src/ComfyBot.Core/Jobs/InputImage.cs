namespace ComfyBot.Core.Jobs;

/// <summary>An image a job works on (an attachment, or a result an Upscale or Vary button passes on).</summary>
/// <param name="FileName">The name to upload it under, e.g. <c>fox.png</c>; ComfyUI may rename it.</param>
/// <param name="Content">The encoded image.</param>
public sealed record InputImage(string FileName, ReadOnlyMemory<byte> Content);
