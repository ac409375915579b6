using System.Net;
using System.Text;
using ComfyBot.Discord.Interactions;
using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Tests.HttpInteractions;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>
/// The HTTP interactions endpoint on a real Kestrel, fed FakeDiscord's own interaction bodies signed with a test
/// Ed25519 key, and answering them through the REST client to FakeDiscord.
/// </summary>
public sealed class HttpInteractionsFlowTests
{
    [Fact]
    public async Task SignedPing_IsAnsweredWithPong()
    {
        await using var bed = await RestBed.StartAsync();
        await using var endpoint = await InteractionsEndpointServer.StartAsync(new DeferringHandler(bed));
        var ping = Encoding.UTF8.GetBytes($$"""{"id":"1575707738112000300","application_id":"{{bed.Fake.ApplicationId}}","type":1,"token":"ping-token","version":1}""");

        using var response = await endpoint.PostSignedAsync(ping);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task SignedSlashCommand_ReachesTheHandler_WhoseCallbackReachesFakeDiscord()
    {
        await using var bed = await RestBed.StartAsync();
        var handler = new DeferringHandler(bed);
        await using var endpoint = await InteractionsEndpointServer.StartAsync(handler);
        var sent = bed.Imagine("over http");

        using var response = await endpoint.PostSignedAsync(Encoding.UTF8.GetBytes(sent.Payload.GetRawText()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var context = await handler.Handled.Task.WaitAsync(RestBed.HangGuard);
        Assert.Equal(InteractionSource.HttpEndpoint, context.Source);
        Assert.Equal(sent.Id, context.Interaction.Id.Value);
        Assert.Equal("over http", context.Interaction.Command!.Options.Single().Text);
        Assert.Equal(5, (await sent.WaitForCallbackAsync().WaitAsync(RestBed.HangGuard)).Type);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task TamperedSlashCommand_Is401_AndFakeDiscordSeesNoCallback()
    {
        await using var bed = await RestBed.StartAsync();
        var handler = new DeferringHandler(bed);
        await using var endpoint = await InteractionsEndpointServer.StartAsync(handler);
        var sent = bed.Imagine("original");
        var body = Encoding.UTF8.GetBytes(sent.Payload.GetRawText());
        var timestamp = endpoint.Now;
        var signature = endpoint.Sign(timestamp, body);
        var tampered = Encoding.UTF8.GetBytes(sent.Payload.GetRawText().Replace("original", "tampered", StringComparison.Ordinal));

        using var response = await endpoint.PostAsync(tampered, signature, timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(handler.Handled.Task.IsCompleted);
        Assert.Null(sent.Callback);
        Assert.Empty(bed.Fake.Requests);
        bed.Fake.AssertNoContractViolations();
    }

    private sealed class DeferringHandler(RestBed bed) : IInteractionHandler
    {
        public TaskCompletionSource<InteractionContext> Handled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HandleAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            var interaction = context.Interaction;
            await bed.Client.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionCallback.Defer(), withResponse: false, cancellationToken);
            context.Acknowledge();
            Handled.TrySetResult(context);
        }
    }
}
