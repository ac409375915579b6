using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// The images a run's WebSocket image nodes (such as SaveImageWebsocket) sent over the event stream. They exist
/// nowhere else, so they are kept rather than shown and replaced; an image frame is one of them when the node that
/// sent it (named in its metadata, else the one running) is of such a class.
/// </summary>
internal sealed class WebSocketImages(ICollection<string> nodeClasses)
{
    private readonly List<StreamedImage> _kept = [];

    /// <summary>The images kept so far, in the order they came.</summary>
    public IReadOnlyList<StreamedImage> Kept => [.. _kept];

    /// <summary>Whether <paramref name="graph"/> has a node that sends its images only over the stream.</summary>
    public bool ExpectedFrom(PromptGraph graph) => graph.HasAny(nodeClasses);

    /// <summary>Whether <paramref name="image"/> is an output image (not a preview), and which node sent it.</summary>
    public bool IsOutput(PreviewImageEvent image, string? runningNode, PromptGraph graph, out string sender)
    {
        sender = image.NodeId ?? runningNode ?? string.Empty;
        return graph.ClassOf(sender) is { } classType && nodeClasses.Contains(classType);
    }

    public void Keep(string sender, PreviewImageEvent image) => _kept.Add(new StreamedImage(sender, image.MimeType, image.Image));
}
