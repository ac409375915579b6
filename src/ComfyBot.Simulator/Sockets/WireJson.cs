using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Sockets;

/// <summary>
/// How JSON goes on the wire: as Python's <c>json.dumps</c> with its defaults writes it, which is what ComfyUI's
/// WebSocket frames (<c>send_json</c>) and aiohttp's <c>json_response</c> bodies are. That is <c>", "</c> and
/// <c>": "</c> between items and every character outside printable ASCII as a lowercase <c>\uXXXX</c> escape
/// (<c>ensure_ascii</c>). The recordings show it byte for byte (<c>{"type": "status", "data": {…}}</c>, and
/// Content-Length 37 for <c>{"exec_info": {"queue_remaining": 1}}</c>), and the client reads that exact shape on
/// its fast path, so a compact simulator would leave the path every real frame takes untested.
/// </summary>
internal static class WireJson
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => AsPythonWrites(node.ToJsonString(Compact));

    /// <summary>
    /// Respaces compact JSON and escapes it as <c>ensure_ascii</c> does. Numbers are left as .NET wrote them: a value
    /// parsed from text keeps its text, and the simulator makes no floats of its own that Python would write otherwise.
    /// </summary>
    internal static string AsPythonWrites(string compact)
    {
        var text = new StringBuilder(compact.Length + compact.Length / 8);
        var inString = false;
        for (var i = 0; i < compact.Length; i++)
        {
            var c = compact[i];
            if (!inString)
            {
                text.Append(c);
                if (c is ',' or ':')
                {
                    text.Append(' ');
                }
                else if (c == '"')
                {
                    inString = true;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = false;
                    text.Append(c);
                    break;
                case '\\' when compact[i + 1] == 'u':
                    // The encoder's own escapes (control characters) in Python's lowercase hex.
                    text.Append("\\u").Append(compact.AsSpan(i + 2, 4).ToString().ToLowerInvariant());
                    i += 5;
                    break;
                case '\\':
                    text.Append(c).Append(compact[i + 1]);
                    i++;
                    break;
                case < ' ' or > '~':
                    // Surrogate pairs come out as two escapes, as Python writes characters past U+FFFF.
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }
}
