using System.Text;
using ComfyBot.Cli;

Console.OutputEncoding = Encoding.UTF8;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the job cleanly; the process then exits with 130.
    e.Cancel = true;
    cancel.Cancel();
};

return (int)await new CliApp(Console.Out, Console.Error, TimeProvider.System).RunAsync(args, cancel.Token);
