using ComfyBot.Simulator.Tests.Support;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>Several clients submitting at once: everything runs once, each client sees only its own prompts.</summary>
public sealed class ConcurrentClientsTests
{
    [Fact]
    public async Task ManyClients_SubmitConcurrently_EachGetsOnlyItsOwnRuns()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        var clients = new[] { "c1", "c2", "c3", "c4" };
        var sockets = new List<SimSocket>();
        foreach (var client in clients)
        {
            sockets.Add(await SimSocket.ConnectAsync(sim, client, metadata: client == "c2"));
        }

        var submissions = clients.SelectMany(client => Enumerable.Range(0, 8).Select(async i =>
            (Client: client, Id: await Comfy.QueueAsync(http, Comfy.TraceSleep(3, $"{client}-{i}", preview: true), client))));
        var submitted = await Task.WhenAll(submissions);

        for (var c = 0; c < clients.Length; c++)
        {
            foreach (var (_, id) in submitted.Where(s => s.Client == clients[c]))
            {
                await sockets[c].WaitForDoneAsync(id);
            }

            var mine = submitted.Where(s => s.Client == clients[c]).Select(s => s.Id).ToHashSet();
            var seen = sockets[c].Messages.Select(m => m.Data?["prompt_id"]?.ToString() ?? m.Metadata?["prompt_id"]?.ToString()).OfType<string>().ToHashSet();
            Assert.Subset(mine, seen);
            Assert.Superset(mine, seen);
            Recorded.AssertShapes(sockets[c].Messages);
        }

        Assert.Equal(32, (await Comfy.GetJsonAsync(http, "/history"))!.AsObject().Count);
        foreach (var socket in sockets)
        {
            await socket.DisposeAsync();
        }
    }
}
