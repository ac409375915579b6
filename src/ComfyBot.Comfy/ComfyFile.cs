namespace ComfyBot.Comfy;

/// <summary>A file on the ComfyUI server, addressed the way GET /view and POST /upload/image address it.</summary>
/// <param name="Filename">The file name, without folder.</param>
/// <param name="Subfolder">The folder below the type's root; empty for the root itself.</param>
/// <param name="Type">The root: <c>output</c>, <c>temp</c> or <c>input</c>.</param>
public sealed record ComfyFile(string Filename, string Subfolder, string Type);
