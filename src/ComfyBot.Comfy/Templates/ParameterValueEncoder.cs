using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ComfyBot.Comfy.Templates;

/// <summary>
/// Turns a parameter's value into the exact JSON bytes that go into a slot: strings escaped and quoted, numbers as JSON
/// numbers (seeds up to 2^64−1 exact), so no value can break out of its place in the document.
/// </summary>
internal static class ParameterValueEncoder
{
    /// <summary>The value's JSON, or null when the parameter is unset.</summary>
    public static byte[]? Encode(WorkflowParameters parameters, WorkflowParameter parameter) => parameter switch
    {
        WorkflowParameter.Prompt => String(parameters.Prompt),
        WorkflowParameter.Negative => String(parameters.Negative),
        WorkflowParameter.Seed => parameters.Seed is { } seed ? Number(seed) : null,
        WorkflowParameter.Width => parameters.Width is { } width ? Number((long)width) : null,
        WorkflowParameter.Height => parameters.Height is { } height ? Number((long)height) : null,
        WorkflowParameter.Batch => parameters.Batch is { } batch ? Number((long)batch) : null,
        WorkflowParameter.Steps => parameters.Steps is { } steps ? Number((long)steps) : null,
        WorkflowParameter.Cfg => Finite(parameters.Cfg, parameter),
        WorkflowParameter.Sampler => String(parameters.Sampler),
        WorkflowParameter.Scheduler => String(parameters.Scheduler),
        WorkflowParameter.Checkpoint => String(parameters.Checkpoint),
        WorkflowParameter.Denoise => Finite(parameters.Denoise, parameter),
        WorkflowParameter.Image => String(parameters.Image),
        WorkflowParameter.Lora => String(parameters.Lora),
        WorkflowParameter.LoraStrength => Finite(parameters.LoraStrength, parameter),
        _ => null,
    };

    /// <summary>The JSON for a seed drawn at render time.</summary>
    public static byte[] Number(ulong value)
    {
        Span<byte> buffer = stackalloc byte[20];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        return buffer[..written].ToArray();
    }

    private static byte[] Number(long value)
    {
        Span<byte> buffer = stackalloc byte[20];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        return buffer[..written].ToArray();
    }

    private static byte[]? Finite(double? value, WorkflowParameter parameter)
    {
        if (value is not { } number)
        {
            return null;
        }

        if (!double.IsFinite(number))
        {
            throw new ArgumentException(
                $"Parameter '{WorkflowParameterNames.Of(parameter)}' must be a finite number; got {number.ToString(CultureInfo.InvariantCulture)}.");
        }

        Span<byte> buffer = stackalloc byte[32];
        number.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        return buffer[..written].ToArray();
    }

    private static byte[]? String(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // The default encoder escapes quotes, backslashes, control characters and non-ASCII (as \uXXXX). It refuses lone
        // surrogates, so text with surrogates goes through UTF-8 first, which replaces a lone one with U+FFFD.
        var encoded = value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')
            ? JsonEncodedText.Encode(Encoding.UTF8.GetBytes(value)).EncodedUtf8Bytes
            : JsonEncodedText.Encode(value).EncodedUtf8Bytes;
        var bytes = new byte[encoded.Length + 2];
        bytes[0] = (byte)'"';
        encoded.CopyTo(bytes.AsSpan(1));
        bytes[^1] = (byte)'"';
        return bytes;
    }
}
