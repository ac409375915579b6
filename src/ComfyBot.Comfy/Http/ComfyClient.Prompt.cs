using System.Net;
using System.Text.Json;
using ComfyBot.Comfy.Resilience;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Http;

/// <summary>POST /prompt.</summary>
public sealed partial class ComfyClient
{
    /// <summary>
    /// Queues a workflow. If the call fails in transit, the retry first looks for the request's prompt id in
    /// /queue and /history, so a prompt the server did accept is never queued twice.
    /// </summary>
    /// <returns>The accepted prompt; its <see cref="PromptAccepted.NodeErrors"/> lists outputs that will not run.</returns>
    /// <exception cref="PromptValidationException">ComfyUI answered 400: nothing was queued; the message lists each node error.</exception>
    /// <exception cref="ComfyUnavailableException">Every attempt failed in transit; whether the prompt was queued is unknown.</exception>
    /// <exception cref="ComfyHttpException">ComfyUI answered another non-success status.</exception>
    public async Task<PromptAccepted> SubmitPromptAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonContent(w => WritePromptBody(w, request));
        var bytes = await body.ReadAsByteArrayAsync(cancellationToken);
        body.Dispose();
        var attempt = 0;
        try
        {
            return await _resilience.Submit.ExecuteAsync(
                async token =>
                {
                    if (attempt++ > 0 && await FindSubmittedAsync(request.PromptId, token) is { } found)
                    {
                        _logger.LogInformation("Prompt {PromptId} was accepted although the submit failed in transit; not resubmitting.", request.PromptId);
                        return found;
                    }

                    return await PostPromptOnceAsync(request, bytes, token);
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not ComfyHttpException && ComfyResilience.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ComfyUnavailableException(
                $"Could not submit prompt {request.PromptId} to ComfyUI at {_base} in {attempt} attempt(s); it may or may not be queued. " +
                $"Look for it with GET /queue and GET /history/{request.PromptId} before submitting it again. Last error: {ex.Message}",
                ex);
        }
    }

    private async Task<PromptAccepted> PostPromptOnceAsync(PromptRequest request, byte[] body, CancellationToken token)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonMediaType;
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "prompt")) { Content = content };
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.BadRequest)
        {
            throw new ComfyHttpException("POST /prompt", response.StatusCode, await ReadSnippetAsync(response, token));
        }

        // A 400 lists every node error, so it may be long; it is still one bounded answer.
        var text = await CappedReadStream.ReadAllAsync(response.Content, _maxResponseBytes, "POST /prompt", "ComfyClientOptions.MaxResponseBytes", token);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw PromptResponseReader.ReadRejection(request, text);
        }

        return PromptResponseReader.ReadAccepted(request, text);
    }

    /// <summary>One look (no retries of its own) for a prompt id in /queue, then /history.</summary>
    private async Task<PromptAccepted?> FindSubmittedAsync(string promptId, CancellationToken token)
    {
        var queue = await SendOnceAsync(HttpMethod.Get, "queue", null, ReadQueueAsync, false, token);
        var item = queue.Running.Concat(queue.Pending).FirstOrDefault(q => q.PromptId == promptId);
        if (item is not null)
        {
            return new PromptAccepted(promptId, item.Number, [], Recovered: true);
        }

        var history = await SendOnceAsync(HttpMethod.Get, $"history/{Uri.EscapeDataString(promptId)}", null, ReadHistoryAsync, false, token);
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
