using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Progress;

/// <content>Log messages, generated; they never carry the state's text or any token.</content>
public sealed partial class ReplyThrottle
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A progress edit of a job's reply failed; the next state replaces it")]
    private static partial void LogProgressSendFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The final state of a job's reply could not be delivered after {Attempts} attempts")]
    private static partial void LogFinalSendFailed(ILogger logger, int attempts, Exception error);
}
