namespace ComfyBot.Comfy.Nodes;

/// <summary>One output socket of a node class.</summary>
/// <param name="Index">The 0-based index that links use: <c>["node id", Index]</c>.</param>
/// <param name="Type">The socket type, e.g. <c>MODEL</c>, <c>LATENT</c>, <c>IMAGE</c>; <c>COMBO</c> for a list-valued output.</param>
/// <param name="Name">The output's display name (<c>output_name</c>), e.g. <c>denoised_output</c>.</param>
/// <param name="IsList">Whether the node emits a list on this socket (<c>output_is_list</c>).</param>
public sealed record NodeOutput(int Index, string Type, string Name, bool IsList);
