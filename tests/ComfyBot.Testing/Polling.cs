namespace ComfyBot.Testing;

/// <summary>Waits for what nothing signals (a store write after a send, a background sweep) by polling, with a hang guard.</summary>
public static class Polling
{
    /// <summary>Completes once <paramref name="condition"/> holds; throws when <paramref name="guard"/> (30 s) passes first.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? guard = null)
    {
        using var timeout = new CancellationTokenSource(guard ?? TestGuards.HangGuard);
        while (!await condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Completes once <paramref name="condition"/> holds; throws when <paramref name="guard"/> (30 s) passes first.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan? guard = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), guard);
    }

    /// <summary>The first non-null value of <paramref name="probe"/>; throws when <paramref name="guard"/> (30 s) passes first.</summary>
    public static async Task<T> UntilAsync<T>(Func<T?> probe, TimeSpan? guard = null)
        where T : class
    {
        T? value = null;
        await UntilAsync(() => Task.FromResult((value = probe()) is not null), guard);
        return value!;
    }
}
