using System.Globalization;

namespace ComfyBot.Simulator;

/// <summary>Turns the standalone server's arguments into <see cref="SimulatorOptions"/>, with errors that say how to fix them.</summary>
internal static class SimulatorCommandLine
{
    public const string Usage = """
        Usage: dotnet run --project src/ComfyBot.Simulator -- [options]
          --port N                  TCP port on 127.0.0.1 (default 8188; 0 = any free port)
          --steps-per-second N      sampler speed (default 10; 0 = instant)
          --fail-node NAME          node class or id that fails at run time
          --history-delay-ms N      wait before each history write (default 0)
          --object-info-delay-ms N  wait before answering GET /object_info, as a server with many custom nodes (default 0)
          --no-previews             send no latent previews
          --data-dir PATH           folder for input/, output/, temp/ (default: a new temp folder)
          --quiet                   no console logging
        """;

    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions { Port = 8188, StepsPerSecond = 10, ConsoleLogging = true };
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--port":
                    options.Port = Int(args, ref i);
                    break;
                case "--steps-per-second":
                    options.StepsPerSecond = Number(args, ref i);
                    break;
                case "--fail-node":
                    options.FailNode = Value(args, ref i);
                    break;
                case "--history-delay-ms":
                    options.HistoryWriteDelay = TimeSpan.FromMilliseconds(Number(args, ref i));
                    break;
                case "--object-info-delay-ms":
                    options.ObjectInfoDelay = TimeSpan.FromMilliseconds(Number(args, ref i));
                    break;
                case "--data-dir":
                    options.DataDirectory = Value(args, ref i);
                    break;
                case "--no-previews":
                    options.Previews = false;
                    break;
                case "--quiet":
                    options.ConsoleLogging = false;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{arg}'.\n{Usage}");
            }
        }

        options.EnsureValid();
        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"Option '{args[i]}' needs a value.\n{Usage}");
        }

        return args[++i];
    }

    private static int Int(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"Option '{name}' needs a whole number, got '{text}'.");
    }

    private static double Number(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"Option '{name}' needs a number, got '{text}'.");
    }
}
