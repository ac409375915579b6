namespace ComfyBot.Core.Usage;

/// <summary>
/// The periods quotas and /usage count in: a day runs from midnight to midnight in the configured time zone
/// (<c>ComfyBot:Policy:QuotaTimeZone</c>, UTC by default), a week from Monday's midnight. Across a daylight-saving
/// change a day is 23 or 25 hours long, as the wall clock says.
/// </summary>
public sealed class QuotaCalendar(TimeZoneInfo zone)
{
    /// <summary>The time zone days are counted in.</summary>
    public TimeZoneInfo Zone { get; } = zone ?? throw new ArgumentNullException(nameof(zone));

    /// <summary>The day <paramref name="now"/> is in: its start (inclusive) and the next reset (exclusive).</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Day(DateTimeOffset now)
    {
        var date = TimeZoneInfo.ConvertTime(now, Zone).Date;
        return (Midnight(date), Midnight(date.AddDays(1)));
    }

    /// <summary>The week (Monday to Monday) <paramref name="now"/> is in.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Week(DateTimeOffset now)
    {
        var date = TimeZoneInfo.ConvertTime(now, Zone).Date;
        var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        return (Midnight(monday), Midnight(monday.AddDays(7)));
    }

    /// <summary>The hour of the day (0-23) <paramref name="at"/> falls in, in <see cref="Zone"/>.</summary>
    public int HourOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).Hour;

    /// <summary>Finds a zone by its id (IANA such as Europe/Berlin, or Windows); null when this machine has no such zone.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception error) when (error is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private DateTimeOffset Midnight(DateTime localDate)
    {
        var local = DateTime.SpecifyKind(localDate, DateTimeKind.Unspecified);

        // A zone that skips midnight (a daylight-saving change at 00:00) starts the day at the first hour that exists.
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
