namespace ComfyBot.Simulator;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        SimulatorOptions options;
        try
        {
            options = SimulatorCommandLine.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        await using var simulator = await ComfySimulator.StartAsync(options);
        Console.WriteLine($"ComfyUI simulator listening on {simulator.BaseAddress} (Ctrl+C to stop)");
        await simulator.WaitForShutdownAsync();
        return 0;
    }
}
