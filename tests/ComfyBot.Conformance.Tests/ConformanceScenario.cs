using System.Globalization;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.Conformance.Tests;

/// <summary>
/// One ordinary bot's day, played by FakeDiscord against a reference client: login, READY, command registration,
/// autocomplete, a slash command answered with defer and edit (an image and a button), a click on that button
/// answered ephemerally with a followup and a channel message, a planned 429 waited out, and RESUME after a drop.
/// Each step fails with its name and everything the client printed.
/// </summary>
internal sealed class ConformanceScenario(FakeDiscordServer fake, ClientProcess client)
{
    /// <summary>Generous: the client is a separate process on a busy machine; a hang still ends.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    public static IReadOnlyDictionary<string, string> Environment(FakeDiscordServer fake) => new Dictionary<string, string>
    {
        ["FAKEDISCORD_API"] = fake.BaseAddress.ToString().TrimEnd('/'),
        ["FAKEDISCORD_GATEWAY"] = fake.GatewayUrl.ToString(),
        ["FAKEDISCORD_TOKEN"] = fake.BotToken,
        ["FAKEDISCORD_GUILD"] = fake.Guilds[0].Id.ToString(CultureInfo.InvariantCulture),
        ["PYTHONUNBUFFERED"] = "1",
    };

    public async Task RunAsync()
    {
        FakeMessage? reply = null;
        FakeInteraction? command = null;
        var channel = fake.Guilds[0].Channels[0].Id;

        await Step("login", async ct => await client.WaitForStepAsync("login", ct));
        await Step("READY", async ct =>
        {
            await client.WaitForStepAsync("ready", ct);
            await fake.Gateway.WaitForReadyAsync(ct);
        });
        await Step("command registration", async ct =>
        {
            await client.WaitForStepAsync("commands", ct);
            var names = fake.GetCommands(fake.Guilds[0].Id).Select(c => c.GetProperty("name").GetString()).ToList();
            Assert.Contains("imagine", names);
            Assert.Contains("post", names);
        });
        await Step("autocomplete", async ct =>
        {
            var typing = fake.CreateAutocomplete("imagine", [SlashCommandOption.Text("prompt", "a lighthouse"), SlashCommandOption.Text("model", "sd") with { Focused = true }]);
            var answer = await typing.WaitForCallbackAsync(ct);
            Assert.Equal(8, answer.Type);
            var choices = answer.Data!.Value.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()).ToList();
            Assert.Equal(["sd15", "sdxl"], choices);
        });
        await Step("slash command answered with defer and edit", async ct =>
        {
            command = fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", "a lighthouse")]);
            Assert.Equal(5, (await command.WaitForCallbackAsync(ct)).Type);
            await fake.WaitForAsync(_ => command.OriginalMessage is { Current.IsLoading: false }, ct);
            Assert.Equal("done: a lighthouse (sd15)", command.OriginalMessage!.Current.Content);
        });
        await Step("reply with an image and buttons", async ct =>
        {
            await fake.WaitForAsync(_ => command!.OriginalMessage!.Current is { Attachments.Count: 1, CustomIds.Count: > 0 }, ct);
            reply = command!.OriginalMessage!;
            var image = Assert.Single(reply.Current.Attachments);
            Assert.Equal("result.png", image.Filename);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image.Bytes[..4]);
            Assert.Contains("again", reply.Current.CustomIds);
        });
        FakeInteraction? click = null;
        await Step("button click on that reply", async ct =>
        {
            // The client attaches its button handler to the message once its edit's answer is read, which can come
            // after the edit shows here: a click sent before that finds no handler in discord.py and is dropped (CI
            // at load 24 lost one that way).
            await client.WaitForStepAsync("edited", ct);
            click = fake.CreateButtonClick(reply!, "again");
            await client.WaitForStepAsync("click", ct);
            Assert.Equal(4, (await click.WaitForCallbackAsync(ct)).Type);
        });
        await Step("ephemeral reply", async ct =>
        {
            await client.WaitForStepAsync("ephemeral", ct);
            Assert.True(click!.OriginalMessage!.Current.IsEphemeral);
            Assert.Equal("only you see this", click.OriginalMessage.Current.Content);
        });
        await Step("followup", async ct =>
        {
            await client.WaitForStepAsync("followup", ct);
            Assert.Equal("a followup", Assert.Single(click!.Followups).Current.Content);
        });
        await Step("channel message", async ct =>
        {
            await client.WaitForStepAsync("channel-message", ct);
            Assert.Contains(fake.MessagesIn(channel), m => m.Current.Content == "a channel message" && m.InteractionId is null);
        });
        await Step("planned 429 waited out", async ct =>
        {
            fake.ScriptRateLimit("POST /channels/{channel_id}/messages", retryAfter: TimeSpan.FromSeconds(1));
            fake.CreateSlashCommand("post", [SlashCommandOption.Text("text", "after a 429")]);
            await client.WaitForStepAsync("posted", ct);
            Assert.Contains(fake.MessagesIn(channel), m => m.Current.Content == "after a 429");
            Assert.Equal(1, fake.Counters.ScriptedRateLimited);
            Assert.Equal(0, fake.Counters.UnplannedRateLimited);
        });
        await Step("RESUME after a drop", async ct =>
        {
            fake.Gateway.DropConnections();
            await fake.Gateway.WaitForAsync(g => g.ResumeCount >= 1 && g.ReadyConnectionCount > 0, ct);
            Assert.Equal(1, fake.Gateway.IdentifyCount);
            fake.CreateSlashCommand("post", [SlashCommandOption.Text("text", "after a resume")]);
            await client.WaitForStepAsync("posted", ct, occurrence: 2);
            Assert.Contains(fake.MessagesIn(channel), m => m.Current.Content == "after a resume");
        });
        await Step("no contract violation", _ =>
        {
            fake.AssertNoContractViolations();
            return Task.CompletedTask;
        });
    }

    private async Task Step(string name, Func<CancellationToken, Task> body)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            await body(guard.Token);
        }
        catch (Exception failure)
        {
            var violations = string.Join("\n", fake.ContractViolations.Select(v => "  " + v));
            var requests = string.Join("\n", fake.Requests.TakeLast(15).Select(r => "  " + r));
            throw new Xunit.Sdk.XunitException(
                $"Step '{name}' failed: {failure.Message}\nLast requests:\n{requests}\nContract violations:\n{violations}\nThe client printed:\n{client.Transcript}");
        }
    }
}
