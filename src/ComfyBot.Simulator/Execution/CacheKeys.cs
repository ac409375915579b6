using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ComfyBot.Simulator.Files;

namespace ComfyBot.Simulator.Execution;

/// <summary>
/// Cache keys in the manner of ComfyUI's input-signature cache: a node's class, its constant inputs and the
/// keys of what feeds it, never its id. An identical resubmission therefore hits for every node, and a seed
/// change misses for the sampler and everything downstream only. LoadImage also hashes its file, as its
/// IS_CHANGED does.
/// </summary>
internal static class CacheKeys
{
    public static Dictionary<string, string> Compute(JsonObject prompt, FileStore files)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, _) in prompt)
        {
            KeyOf(id, prompt, files, keys, depth: 0);
        }

        return keys;
    }

    /// <summary>A link as ComfyUI's is_link sees it: [string id, integer slot].</summary>
    public static bool IsLink(JsonNode? value, out string source, out int slot)
    {
        source = "";
        slot = 0;
        if (value is JsonArray { Count: 2 } array
            && array[0] is JsonValue id && id.TryGetValue<string>(out var s)
            && array[1] is JsonValue index && int.TryParse(index.ToJsonString(), out var i))
        {
            source = s;
            slot = i;
            return true;
        }

        return false;
    }

    private static string KeyOf(string id, JsonObject prompt, FileStore files, Dictionary<string, string> keys, int depth)
    {
        if (keys.TryGetValue(id, out var known))
        {
            return known;
        }

        if (depth > prompt.Count || prompt[id] is not JsonObject node)
        {
            // Validation has already refused dangling links and cycles; this only guards the recursion.
            return keys[id] = "missing:" + id;
        }

        var classType = node["class_type"]?.ToString() ?? "";
        var text = new StringBuilder(classType).Append('\u0001');
        if (node["inputs"] is JsonObject inputs)
        {
            foreach (var (name, value) in inputs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(name).Append('=');
                if (IsLink(value, out var source, out var slot) && prompt.ContainsKey(source))
                {
                    text.Append("link(").Append(KeyOf(source, prompt, files, keys, depth + 1)).Append(',').Append(slot).Append(')');
                }
                else
                {
                    text.Append(value?.ToJsonString() ?? "null");
                }

                text.Append('\u0001');
            }

            if (classType is "LoadImage" or "LoadImageMask" && inputs["image"] is JsonValue image)
            {
                var path = files.ResolveAnnotated(image.ToString());
                text.Append("file=").Append(File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "absent");
            }
        }

        if (classType == "SaveImageWebsocket")
        {
            // Its IS_CHANGED returns time.time(): it never comes from the cache, so its images are sent on every run.
            text.Append("changed=").Append(Guid.NewGuid().ToString("N"));
        }

        return keys[id] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 16);
    }

    /// <summary>A stable 64-bit number from a key, used to seed pictures.</summary>
    public static ulong Fingerprint(string key) =>
        ulong.TryParse(key.AsSpan(0, Math.Min(16, key.Length)), System.Globalization.NumberStyles.HexNumber, null, out var f)
            ? f
            : BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
