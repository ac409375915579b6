using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Sockets;

/// <summary>
/// Parsed and cloned JsonNode trees build their children lazily on first read, which is a write under the
/// hood. Trees that several threads read (the catalogue, queued prompts) are walked once up front.
/// </summary>
internal static class JsonTrees
{
    public static T Materialize<T>(T node)
        where T : JsonNode?
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }

        return node;
    }
}
