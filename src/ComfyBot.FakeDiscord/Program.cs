using System.Globalization;
using System.Runtime.InteropServices;

namespace ComfyBot.FakeDiscord;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // A clock the control API can move ahead (POST /control/clock/advance), e.g. past a token's 15 minutes.
        var options = new FakeDiscordOptions { TimeProvider = new FakeDiscordClock() };
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

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        FakeDiscordServer server;
        try
        {
            server = await FakeDiscordServer.StartAsync(options, stop.Token);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"Cannot listen on 127.0.0.1:{options.Port} ({ex.Message}); pick a free port with --port, or --port 0 for any.");
            return 1;
        }

        await using (server)
        {
            Console.WriteLine($"FakeDiscord REST     {server.BaseAddress}");
            Console.WriteLine($"FakeDiscord gateway  {server.GatewayUrl}");
            Console.WriteLine($"application id       {server.ApplicationId}");
            // Printing the token is the point: it is a throwaway credential for a local fake.
            Console.WriteLine($"bot token            {server.BotToken}");
            Console.WriteLine($"control API          http://127.0.0.1:{server.Port}/control (see src/ComfyBot.FakeDiscord/README.md)");
            Console.WriteLine("Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
