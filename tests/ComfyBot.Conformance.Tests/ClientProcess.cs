using System.Diagnostics;
using System.Text;

namespace ComfyBot.Conformance.Tests;

/// <summary>
/// A reference client running as a child process. It prints <c>STEP name detail</c> lines; tests wait on them.
/// Everything it printed is kept for the failure message, so a failed step shows what the client saw.
/// </summary>
internal sealed class ClientProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Lock gate = new();
    private readonly StringBuilder transcript = new();
    private readonly List<(string Name, string Detail)> steps = [];
    private readonly SemaphoreSlim changed = new(0);

    private ClientProcess(Process process) => this.process = process;

    public static ClientProcess Start(string file, string script, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = ClientRuntimes.ClientsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(ClientRuntimes.ClientsDirectory, script));
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var client = new ClientProcess(process);
        process.OutputDataReceived += (_, e) => client.OnLine(e.Data, "out");
        process.ErrorDataReceived += (_, e) => client.OnLine(e.Data, "err");
        process.Exited += (_, _) => client.changed.Release();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return client;
    }

    /// <summary>What the client printed so far (stdout and stderr, interleaved).</summary>
    public string Transcript
    {
        get
        {
            lock (gate)
            {
                return transcript.ToString();
            }
        }
    }

    /// <summary>Waits for the n-th (1-based) <c>STEP name</c> line and returns its detail; fails if the client exits first.</summary>
    public async Task<string> WaitForStepAsync(string name, CancellationToken cancellationToken, int occurrence = 1)
    {
        while (true)
        {
            lock (gate)
            {
                var found = steps.Where(s => s.Name == name).Skip(occurrence - 1).FirstOrDefault();
                if (found.Name is not null)
                {
                    return found.Detail;
                }
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The client exited (code {process.ExitCode}) before step '{name}'. It printed:\n{Transcript}");
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }

        process.Dispose();
    }

    private void OnLine(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            transcript.Append(stream).Append("> ").AppendLine(line);
            if (stream == "out" && line.StartsWith("STEP ", StringComparison.Ordinal))
            {
                var rest = line[5..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                steps.Add(space < 0 ? (rest, "") : (rest[..space], rest[(space + 1)..]));
            }
        }

        changed.Release();
    }
}
