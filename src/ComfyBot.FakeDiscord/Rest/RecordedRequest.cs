namespace ComfyBot.FakeDiscord.Rest;

/// <summary>One REST request the fake answered. Tokens in the path are not kept; the spec's template is.</summary>
/// <param name="Operation">"method /template" as in openapi.json, or the raw method and path when no operation matched.</param>
/// <param name="Status">HTTP status answered.</param>
/// <param name="At">Fake time of arrival.</param>
/// <param name="Outcome">What decided the answer: handled, contract, rate-limited, scripted-429, scripted-5xx, unauthorized, unknown-route.</param>
public sealed record RecordedRequest(string Operation, int Status, DateTimeOffset At, string Outcome);
