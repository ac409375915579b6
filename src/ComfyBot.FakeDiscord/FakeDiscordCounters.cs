namespace ComfyBot.FakeDiscord;

/// <summary>A snapshot of what the fake has seen; compare snapshots to assert on one test step.</summary>
/// <param name="Requests">REST requests answered.</param>
/// <param name="UnplannedRateLimited">429s the limiter had to enforce: requests a well-behaved client would not have sent.</param>
/// <param name="ScriptedRateLimited">429s a test scripted.</param>
/// <param name="ScriptedServerErrors">5xx answers a test scripted.</param>
/// <param name="ContractViolations">Requests whose body broke openapi.json.</param>
/// <param name="Identifies">Gateway IDENTIFYs accepted.</param>
/// <param name="Resumes">Gateway RESUMEs accepted.</param>
/// <param name="GatewayConnections">WebSocket connections opened.</param>
/// <param name="Heartbeats">Heartbeats received.</param>
public sealed record FakeDiscordCounters(
    int Requests,
    int UnplannedRateLimited,
    int ScriptedRateLimited,
    int ScriptedServerErrors,
    int ContractViolations,
    int Identifies,
    int Resumes,
    int GatewayConnections,
    int Heartbeats);
