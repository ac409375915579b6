using System.Net;
using System.Text.Json;
using ComfyBot.Comfy.Resilience;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Http;

/// <summary>
/// POST /prompt, at most once per prompt id: a submit that failed in transit is retried only after /queue and
/// /history show that the server does not have the prompt, so a prompt it did accept is never queued twice. A 400
/// becomes a <see cref="PromptValidationException"/> and is never retried.
/// </summary>
internal sealed class PromptSubmission(ComfyHttpTransport transport, ILogger logger)
{
    /// <summary>See <see cref="ComfyClient.SubmitPromptAsync"/>.</summary>
    public async Task<PromptAccepted> SubmitAsync(PromptRequest request, CancellationToken cancellationToken)
    {
        var body = ComfyHttpTransport.JsonContent(w => WritePromptBody(w, request));
        var bytes = await body.ReadAsByteArrayAsync(cancellationToken);
        body.Dispose();
        var attempt = 0;
        try
        {
            return await transport.Resilience.ExecuteAsync(
                ComfyCallKind.Submit,
                "POST /prompt",
                async token =>
                {
                    if (attempt++ > 0 && await FindSubmittedAsync(request.PromptId, token) is { } found)
                    {
                        logger.LogInformation("Prompt {PromptId} was accepted although the submit failed in transit; not resubmitting.", request.PromptId);
                        return found;
                    }

                    return await PostPromptOnceAsync(request, bytes, token);
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not ComfyHttpException && ComfyResilience.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ComfyUnavailableException(
                $"Could not submit prompt {request.PromptId} to ComfyUI at {transport.ServerAddress} in {attempt} attempt(s); it may or may not be queued. " +
                $"Look for it with GET /queue and GET /history/{request.PromptId} before submitting it again. Last error: {ex.Message}",
                ex);
        }
    }

    private async Task<PromptAccepted> PostPromptOnceAsync(PromptRequest request, byte[] body, CancellationToken token)
    {
        using var content = ComfyHttpTransport.JsonContent(body);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(transport.ServerAddress, "prompt")) { Content = content };
        using var response = await transport.SendRawAsync(message, token);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.BadRequest)
        {
            throw new ComfyHttpException("POST /prompt", response.StatusCode, await transport.ReadSnippetAsync(response, token));
        }

        // A 400 lists every node error, so it may be long; it is still one bounded answer.
        var text = await CappedReadStream.ReadAllAsync(response.Content, transport.MaxResponseBytes, "POST /prompt", "ComfyClientOptions.MaxResponseBytes", token);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw PromptResponseReader.ReadRejection(request, text);
        }

        return PromptResponseReader.ReadAccepted(request, text);
    }

    /// <summary>One look (no retries of its own) for a prompt id in /queue, then /history.</summary>
    private async Task<PromptAccepted?> FindSubmittedAsync(string promptId, CancellationToken token)
    {
        var queue = await transport.SendOnceAsync(HttpMethod.Get, "queue", null, QueueReader.ReadAsync, false, token);
        var item = queue.Running.Concat(queue.Pending).FirstOrDefault(q => q.PromptId == promptId);
        if (item is not null)
        {
            return new PromptAccepted(promptId, item.Number, [], Recovered: true);
        }

        var history = await transport.SendOnceAsync(HttpMethod.Get, $"history/{Uri.EscapeDataString(promptId)}", null, HistoryReader.ReadAsync, false, token);
        var entry = history.FirstOrDefault(h => h.PromptId == promptId);
        return entry is null ? null : new PromptAccepted(promptId, entry.Number, [], Recovered: true);
    }

    private static void WritePromptBody(Utf8JsonWriter writer, PromptRequest request)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("prompt");
        request.Prompt.WriteTo(writer);
        writer.WriteString("prompt_id", request.PromptId);
        if (request.ClientId is not null)
        {
            writer.WriteString("client_id", request.ClientId);
        }

        if (request.Front)
        {
            writer.WriteBoolean("front", true);
        }

        if (request.ExtraData is not null)
        {
            writer.WritePropertyName("extra_data");
            request.ExtraData.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
