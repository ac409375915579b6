namespace ComfyBot.Core;

/// <summary>The loop of a background duty: its work now, then at every tick, until stopped; a failed round only waits for the next.</summary>
internal static class PeriodicWork
{
    /// <summary>Runs <paramref name="work"/> now and at every tick of <paramref name="timer"/> (disposed at the end) until <paramref name="stop"/>.</summary>
    /// <param name="timer">The ticks; made by the caller before it returns, so a tick its clock reaches at once is not lost.</param>
    /// <param name="work">One round.</param>
    /// <param name="failed">Told of a round that threw; the next tick tries again.</param>
    /// <param name="stop">Ends the loop, also in the middle of a round.</param>
    public static async Task RunAsync(PeriodicTimer timer, Func<CancellationToken, Task> work, Action<Exception> failed, CancellationToken stop)
    {
        using (timer)
        {
            try
            {
                do
                {
                    try
                    {
                        await work(stop);
                    }
                    catch (Exception error) when (!stop.IsCancellationRequested)
                    {
                        failed(error);
                    }
                }
                while (await timer.WaitForNextTickAsync(stop));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }
}
