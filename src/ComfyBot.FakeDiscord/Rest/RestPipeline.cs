using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Contracts;
using Microsoft.AspNetCore.Http;

namespace ComfyBot.FakeDiscord.Rest;

/// <summary>
/// Every REST request goes through here in Discord's order: route, auth, rate limit (and scripted faults),
/// body parsing, contract check, then the route's handler. Errors are shaped like Discord's.
/// </summary>
internal sealed class RestPipeline(FakeDiscordState state, RouteTable routes)
{
    public const string ApiPrefix = "/api/v10";

    public async Task HandleAsync(HttpContext http)
    {
        var now = state.Time.GetUtcNow();
        var path = http.Request.Path.Value ?? "/";
        var method = http.Request.Method;
        if (path.StartsWith("/attachments/", StringComparison.Ordinal) && method == "GET")
        {
            await ServeAttachmentAsync(http, path);
            return;
        }

        if (!path.StartsWith(ApiPrefix + "/", StringComparison.Ordinal))
        {
            await WriteAsync(http, RestResponse.Error(404, 0, $"404: Not Found (FakeDiscord serves API v10 under {ApiPrefix}/)"));
            return;
        }

        var match = state.Contract.Match(method, path[ApiPrefix.Length..]);
        var route = match is null ? null : routes.Find(match.Operation);
        if (match is null || route is null)
        {
            var known = match is null ? "no such route in Discord's API" : $"{match.Operation} is not implemented by FakeDiscord";
            state.RecordRequest(new RecordedRequest(match?.Operation ?? method + " (unmatched path)", 404, now, "unknown-route"));
            await WriteAsync(http, RestResponse.Error(404, 0, $"404: Not Found ({known})"));
            return;
        }

        var isBot = http.Request.Headers.Authorization.ToString() == "Bot " + state.BotToken;
        if (route.RequiresBotToken && !isBot)
        {
            foreach (var (name, value) in state.Limiter.Peek(match))
            {
                http.Response.Headers[name] = value;
            }

            state.RecordRequest(new RecordedRequest(match.Operation, 401, now, "unauthorized"));
            await WriteAsync(http, RestResponse.Unauthorized());
            return;
        }

        var decision = state.Limiter.Decide(match);
        foreach (var (name, value) in decision.Headers)
        {
            http.Response.Headers[name] = value;
        }

        if (decision.RefuseWith is int refused)
        {
            var outcome = refused == 429 ? (decision.Scripted ? "scripted-429" : "rate-limited") : "scripted-5xx";
            state.RecordRequest(new RecordedRequest(match.Operation, refused, now, outcome));
            await WriteAsync(http, refused == 429 ? RateLimited(decision.RetryAfter, decision.Scope) : RestResponse.Error(refused, 0, $"{refused}: Server Error (scripted)"));
            return;
        }

        var (response, outcomeName) = await RunAsync(http, match, route);
        state.RecordRequest(new RecordedRequest(match.Operation, response.Status, now, outcomeName));
        await WriteAsync(http, response);
    }

    private async Task<(RestResponse, string)> RunAsync(HttpContext http, OperationMatch match, Route route)
    {
        if (route.Authorize?.Invoke(match) is { } refused)
        {
            return (refused, "handled");
        }

        try
        {
            var (payload, files) = await RequestBodyReader.ReadAsync(http.Request, http.RequestAborted);
            if (payload is not null && CheckContract(match.Operation, payload) is { } rejected)
            {
                return (rejected, "contract");
            }

            var request = new RestRequest { Http = http, Match = match, Payload = payload, Files = files };
            return (await route.Handler(request), "handled");
        }
        catch (DiscordErrorException error)
        {
            return (error.Response, "handled");
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == 413)
        {
            return (RestResponse.Error(413, 40005, "Request entity too large"), "handled");
        }
        catch (Exception wrongShape) when (wrongShape is InvalidOperationException or FormatException && !state.Options.RejectContractViolations)
        {
            // Only reachable with contract rejection off: a field of the wrong JSON type got past the schema check.
            return (RestResponse.Error(400, 50035, "Invalid Form Body: a field has the wrong JSON type (see ContractViolations)"), "handled");
        }
        catch (InvalidDataException multipart)
        {
            // FormFeature reports limits and malformed multipart bodies this way.
            return (RestResponse.Error(400, 50035, $"Invalid Form Body: {multipart.Message}"), "handled");
        }
    }

    private RestResponse? CheckContract(string operation, JsonNode payload)
    {
        if (!state.Contract.HasRequestBody(operation))
        {
            return null;
        }

        var normalized = payload.DeepClone();
        ContractAllowList.Normalize(operation, normalized);
        using var document = JsonDocument.Parse(normalized.ToJsonString());
        var (violations, undocumented) = state.Contract.Examine(operation, document.RootElement);
        if (undocumented.Count > 0)
        {
            state.RecordUndocumented(undocumented);
        }

        if (violations.Count == 0)
        {
            return null;
        }

        state.RecordViolations(violations);
        if (!state.Options.RejectContractViolations)
        {
            return null;
        }

        var errors = new JsonObject();
        foreach (var violation in violations)
        {
            FieldErrors.Add(errors, violation.Location, "CONTRACT_VIOLATION", violation.Message);
        }

        return RestResponse.Error(400, 50035, "Invalid Form Body", errors);
    }

    private static RestResponse RateLimited(TimeSpan retryAfter, RateLimits.RateLimitScope scope) => new(429, new JsonObject
    {
        ["message"] = "You are being rate limited.",
        ["retry_after"] = Math.Round(retryAfter.TotalSeconds, 3),
        ["global"] = scope == RateLimits.RateLimitScope.Global,
        ["code"] = 0,
    });

    private async Task ServeAttachmentAsync(HttpContext http, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var attachment = parts.Length >= 2 && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? state.Messages.FindAttachment(id)
            : null;
        if (attachment is null)
        {
            http.Response.StatusCode = 404;
            return;
        }

        http.Response.ContentType = attachment.ContentType ?? "application/octet-stream";
        http.Response.ContentLength = attachment.Size;
        await http.Response.Body.WriteAsync(attachment.Bytes, http.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext http, RestResponse response)
    {
        http.Response.StatusCode = response.Status;
        // Discord's answers all pass Google's front end. discord.py takes a 429 without Via for a Cloudflare ban
        // (an IP block, not a rate limit) and raises instead of waiting.
        http.Response.Headers["Via"] = "1.1 google";
        if (response.Body is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(response.Body.ToJsonString());
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
