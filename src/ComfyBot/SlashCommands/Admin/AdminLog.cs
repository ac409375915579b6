using Microsoft.Extensions.Logging;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// The log line of every admin action, beside its audit record in the store: an operator reading the log sees who
/// paused the queue or banned a member without opening the database.
/// </summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Admin {AdminId} ({AdminName}) ran /comfy-admin {Action} on {Target}: {Detail}")]
    public static partial void Acted(ILogger logger, ulong adminId, string adminName, string action, string target, string detail);
}
