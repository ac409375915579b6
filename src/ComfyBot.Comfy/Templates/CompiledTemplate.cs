using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>
/// The template serialized once at load, with a hole at every bound input. Rendering copies the fixed bytes around the
/// holes and drops each parameter's encoded value in; nothing is parsed or cloned per render.
/// </summary>
internal sealed class CompiledTemplate
{
    private readonly byte[] _document;
    private readonly Hole[] _holes;

    private CompiledTemplate(byte[] document, Hole[] holes)
    {
        _document = document;
        _holes = holes;
    }

    public static CompiledTemplate Compile(WorkflowGraph graph, IReadOnlyList<ParameterBinding> bindings)
    {
        var slots = new Dictionary<InputSlot, WorkflowParameter>();
        foreach (var binding in bindings)
        {
            foreach (var input in binding.Inputs)
            {
                slots[new InputSlot(input.NodeId, input.InputName)] = binding.Parameter;
            }
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        var holes = new List<Hole>(slots.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (id, value) in graph.Root)
            {
                writer.WritePropertyName(id);
                var node = (JsonObject)value!;
                writer.WriteStartObject();
                foreach (var (key, part) in node)
                {
                    writer.WritePropertyName(key);
                    if (key != "inputs" || part is not JsonObject inputs)
                    {
                        WriteValue(writer, part);
                        continue;
                    }

                    writer.WriteStartObject();
                    foreach (var (name, input) in inputs)
                    {
                        writer.WritePropertyName(name);
                        if (!slots.TryGetValue(new InputSlot(id, name), out var parameter))
                        {
                            WriteValue(writer, input);
                            continue;
                        }

                        // After a property name the writer adds no separator, so the value's bytes are exactly the hole.
                        writer.Flush();
                        var start = buffer.WrittenCount;
                        WriteValue(writer, input);
                        writer.Flush();
                        holes.Add(new Hole(start, buffer.WrittenCount, parameter));
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return new CompiledTemplate(buffer.WrittenSpan.ToArray(), [.. holes]);
    }

    /// <summary>The document with each hole filled by its parameter's value, or its original bytes where that is null.</summary>
    /// <param name="values">Encoded JSON values, indexed by <see cref="WorkflowParameter"/>.</param>
    public byte[] Render(byte[]?[] values)
    {
        var length = _document.Length;
        foreach (var hole in _holes)
        {
            if (values[(int)hole.Parameter] is { } value)
            {
                length += value.Length - (hole.End - hole.Start);
            }
        }

        var result = GC.AllocateUninitializedArray<byte>(length);
        var source = _document.AsSpan();
        var target = result.AsSpan();
        var read = 0;
        var written = 0;
        foreach (var hole in _holes)
        {
            if (values[(int)hole.Parameter] is not { } value)
            {
                continue;
            }

            source[read..hole.Start].CopyTo(target[written..]);
            written += hole.Start - read;
            value.CopyTo(target[written..]);
            written += value.Length;
            read = hole.End;
        }

        source[read..].CopyTo(target[written..]);
        return result;
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    private readonly record struct Hole(int Start, int End, WorkflowParameter Parameter);
}
