using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Rest;

/// <summary>What a route answers: a status and an optional JSON body.</summary>
internal sealed record RestResponse(int Status, JsonNode? Body)
{
    public static RestResponse NoContent { get; } = new(204, null);

    public static RestResponse Ok(JsonNode body) => new(200, body);

    /// <summary>Discord's error shape: <c>{code, message, errors?}</c>.</summary>
    public static RestResponse Error(int status, int code, string message, JsonObject? errors = null)
    {
        var body = new JsonObject { ["message"] = message, ["code"] = code };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        return new RestResponse(status, body);
    }

    public static RestResponse Unauthorized() => Error(401, 0, "401: Unauthorized");

    public static RestResponse NotFound() => Error(404, 0, "404: Not Found");

    /// <summary>400 50035 with one field error, nested the way Discord nests them (<c>data.content._errors</c>).</summary>
    public static RestResponse InvalidFormBody(string location, string errorCode, string message) =>
        Error(400, 50035, "Invalid Form Body", FieldErrors.Single(location, errorCode, message));
}
