using System.Globalization;

namespace ComfyBot.FakeDiscord;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = new FakeDiscordOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port" && i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                options.Port = port;
            }
            else if (args[i] == "--token" && i + 1 < args.Length)
            {
                options.BotToken = args[++i];
            }
            else
            {
                await Console.Error.WriteLineAsync("usage: ComfyBot.FakeDiscord [--port 5005] [--token <bot token to accept>]");
                return 2;
            }
        }

        await using var server = await FakeDiscordServer.StartAsync(options);
        Console.WriteLine($"FakeDiscord REST     {server.BaseAddress}");
        Console.WriteLine($"FakeDiscord gateway  {server.GatewayUrl}");
        Console.WriteLine($"application id       {server.ApplicationId}");
        // Printing the token is the point here: it is a throwaway credential for a local fake.
        Console.WriteLine($"bot token            {server.BotToken}");
        Console.WriteLine("Ctrl+C to stop.");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        return 0;
    }
}
