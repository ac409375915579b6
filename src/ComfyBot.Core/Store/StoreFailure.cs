using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

/// <summary>
/// The one rule for "the job store could not do its work": SQLite refused (a full disk, a read-only file, a lock held
/// too long) or the file system did. Such a failure is the store's, not the job's, and the member is told so plainly.
/// </summary>
public static partial class StoreFailure
{
    /// <summary>Whether <paramref name="error"/> came from the store's file or database.</summary>
    public static bool Is(Exception error) => error is SqliteException or IOException or UnauthorizedAccessException;

    /// <summary>SQLite's own words without its error-number wrapper ("database or disk is full").</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is SqliteException && SqliteMessage().Match(error.Message) is { Success: true } match
            ? match.Groups[1].Value
            : error.Message;
    }

    [GeneratedRegex(@"^SQLite Error \d+: '(.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex SqliteMessage();
}
