namespace ComfyBot.Comfy.Templates;

/// <summary>One input a parameter is written into.</summary>
/// <param name="NodeId">The node's id in the workflow.</param>
/// <param name="ClassType">The node's class, e.g. <c>KSampler</c>.</param>
/// <param name="InputName">The input under the node's <c>inputs</c>, e.g. <c>seed</c>.</param>
/// <param name="Source">How the binding was found.</param>
/// <param name="Detail">A short human explanation, e.g. "text of CLIPTextEncode 6, from KSampler 3 positive".</param>
public sealed record BoundInput(string NodeId, string ClassType, string InputName, BindingSource Source, string Detail)
{
    /// <summary>The input's path, <c>&lt;node id&gt;.inputs.&lt;input name&gt;</c>, as configuration writes it.</summary>
    public string Path => $"{NodeId}.inputs.{InputName}";

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({ClassType}; {Source}: {Detail})";
}
