using System.Globalization;

namespace ComfyBot.Core.Progress;

/// <summary>
/// Every sentence the job engine shows a member besides the progress lines of <see cref="ProgressView"/>: why a job
/// waits, how it ended, what went wrong after the GPU's work. Kept here, beside the view, so the engine's machinery
/// holds no member-facing text and one file shows the whole voice of the bot's replies.
/// </summary>
public static class ReplyTexts
{
    /// <summary>Every server that could run the job is down (or refused its last attempt).</summary>
    public const string Offline = "⚠️ GPU server offline, your job is kept and will start when a server is back.";

    /// <summary>
    /// The bot just started and the servers that could run the job have not answered their first check yet: nothing
    /// is known of them, so the job neither starts nor is judged until they do.
    /// </summary>
    public const string FirstCheck = "⏳ The bot just started and is still checking the GPU servers (their first check has not answered yet); your job is kept and starts once one that can run it answers.";

    /// <summary>An admin paused the queue.</summary>
    public const string Paused = "⏸️ An admin has paused the queue: your job is kept and starts when it resumes.";

    /// <summary>Servers are up, but none of them has what the job's workflow needs.</summary>
    public static string NoCapableServer(string workflow) =>
        $"⚠️ No reachable GPU server can run the workflow '{workflow}' right now; your job is kept and starts when one can.";

    /// <summary>Why a waiting job that some server could run does not start: no reachable one lists the values its member chose.</summary>
    public static string NoServerWithChoices(string workflow) =>
        $"⚠️ No reachable GPU server that runs '{workflow}' has the checkpoint, sampler, scheduler or LoRA you chose right now; your job is kept and starts when one does.";

    /// <summary>The final text of a job cancelled before it finished.</summary>
    public static string Cancelled(string? by) => $"🚫 Cancelled by {By(by)}.";

    /// <summary>The final text of a job an admin interrupted on its server.</summary>
    public static string InterruptedBy(string? by) => $"⏹️ Interrupted by {By(by)}.";

    /// <summary>The final text of a job the bot itself failed (a bug); the message says what happened.</summary>
    public static string Crashed(string message) => $"❌ Failed: {message}";

    /// <summary>The stored values no longer fit the workflow (it changed since the job was queued).</summary>
    public static string CannotRunWithOptions(string message) => $"❌ This workflow cannot run with these options: {message}";

    /// <summary>ComfyUI refused the prompt.</summary>
    public static string RefusedByServer(string message) => $"❌ The GPU server refused this workflow: {message}";

    /// <summary>The job's workflow is no longer configured.</summary>
    public static string WorkflowGone(string workflow) =>
        $"❌ Workflow '{workflow}' is no longer configured on this bot, so this job cannot run; pick another workflow and try again.";

    /// <summary>The server lost the job and it queues again.</summary>
    public static string LostRequeued(string reason) => $"⚠️ The GPU server lost this job ({reason}); it is queued again.";

    /// <summary>A server went down under the job, which had been tried too often already.</summary>
    public static string WentOfflineTooOften(string server, int attempts) =>
        string.Create(CultureInfo.InvariantCulture, $"❌ GPU server {server} went offline while your job ran, and it had already been tried {attempts} times.");

    /// <summary>A server went down under the job, which queues again; "another server" only when there is another.</summary>
    public static string MovedOff(string server, bool wasRunning, bool anotherServer) => (wasRunning, anotherServer) switch
    {
        (true, true) => $"⚠️ GPU server {server} went offline while your job ran; it is queued again for another server.",
        (true, false) => $"⚠️ GPU server {server} went offline while your job ran; it is queued again and starts when the server is back.",
        (false, true) => $"⚠️ GPU server {server} went offline before your job started; it moved back to the queue and goes to another server.",
        (false, false) => $"⚠️ GPU server {server} went offline before your job started; it moved back to the queue and starts when the server is back.",
    };

    /// <summary>After a restart, the images of a finished job could not be fetched again.</summary>
    public static string NotRefetched(string server) => $"⚠️ The images could not be fetched again from {server} after a restart of the bot.";

    /// <summary>ComfyUI reported success but not one image could be read.</summary>
    public static string NoImageReadable(IReadOnlyList<string> problems) =>
        $"❌ The GPU server finished, but none of its images could be read: {string.Join("; ", problems)}";

    /// <summary>Some of a success's images could not be read; the reply carries the others.</summary>
    public static string SomeImagesUnreadable(int unread, int total, IReadOnlyList<string> problems) =>
        string.Create(CultureInfo.InvariantCulture, $"⚠️ {unread} of {total} images could not be read: {string.Join("; ", problems)}");

    /// <summary>The outcome is shown but the job store refused to record it.</summary>
    public static string NotSaved(string reason) =>
        $"⚠️ This result could not be saved in the bot's job store ({reason}), so its buttons may not work.";

    /// <summary>/imagine (or a button) while the job store cannot write.</summary>
    public static string StoreUnavailable(string reason) =>
        $"The bot cannot save jobs right now (its job store answered: {reason}), so nothing was queued. Tell an admin; try again once it is fixed.";

    /// <summary>Who stopped a job, as typed: a display name is a member's text and is escaped (see <see cref="MemberText"/>).</summary>
    private static string By(string? name) => name is null ? "an admin" : MemberText.Escape(name);
}
