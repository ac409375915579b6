namespace ComfyBot.FakeDiscord.Contracts;

/// <summary>
/// One way a request body broke Discord's published contract.
/// </summary>
/// <param name="Operation">The operation as <c>method /templated/path</c>, e.g. <c>patch /webhooks/{webhook_id}/{webhook_token}/messages/@original</c>.</param>
/// <param name="Location">JSON pointer into the body (for multipart: into <c>payload_json</c>); empty for the root.</param>
/// <param name="Message">What the schema expected there.</param>
public sealed record ContractViolation(string Operation, string Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Operation} at '{(Location.Length == 0 ? "/" : Location)}': {Message}";
}
