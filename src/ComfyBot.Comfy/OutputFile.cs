namespace ComfyBot.Comfy;

/// <summary>A file a node produced, as an <c>executed</c> event or a history entry lists it.</summary>
/// <param name="NodeId">The node that produced the file.</param>
/// <param name="Kind">The UI key the file was listed under: <c>images</c>, <c>gifs</c>, <c>audio</c>, ...</param>
/// <param name="File">Where to fetch the file with GET /view.</param>
public sealed record OutputFile(string NodeId, string Kind, ComfyFile File);
