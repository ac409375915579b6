using System.Net;
using System.Text;
using ComfyBot.Discord.Interactions;
using ComfyBot.Discord.Tests.Interactions;

namespace ComfyBot.Discord.Tests.HttpInteractions;

public sealed class HttpInteractionsEndpointTests
{
    private static readonly byte[] Ping = """{"id":"1575707738112000300","application_id":"1187000000000000001","type":1,"token":"t","version":1}"""u8.ToArray();

    [Fact]
    public async Task Ping_WithGoodSignature_IsAnsweredWithPongJson()
    {
        await using var server = await InteractionsEndpointServer.StartAsync(new AcknowledgingHandler());

        using var response = await server.PostSignedAsync(Ping);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Command_ReachesHandler_And202FollowsItsAcknowledgement()
    {
        var handler = new AcknowledgingHandler();
        await using var server = await InteractionsEndpointServer.StartAsync(handler);

        using var response = await server.PostSignedAsync(InteractionFixtures.CommandData());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var context = await handler.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(context.IsAcknowledged);
        Assert.Equal(InteractionSource.HttpEndpoint, context.Source);
        Assert.Equal("imagine", context.Interaction.Command!.Name);
        Assert.Equal(InteractionFixtures.Token, context.Interaction.Token);
    }

    [Fact]
    public async Task BadSignature_Is401_AndNeverReachesHandler()
    {
        var handler = new AcknowledgingHandler();
        await using var server = await InteractionsEndpointServer.StartAsync(handler);
        var timestamp = server.Now;
        var signature = server.Sign(timestamp, Ping).ToCharArray();
        signature[10] = signature[10] == '0' ? '1' : '0';

        using var response = await server.PostAsync(Ping, new string(signature), timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task TamperedBody_Is401()
    {
        var handler = new AcknowledgingHandler();
        await using var server = await InteractionsEndpointServer.StartAsync(handler);
        var body = InteractionFixtures.CommandData();
        var timestamp = server.Now;
        var signature = server.Sign(timestamp, body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"seed\",\"type\":4,\"value\":42", "\"seed\",\"type\":4,\"value\":43", StringComparison.Ordinal));
        Assert.NotEqual(body, tampered);

        using var response = await server.PostAsync(tampered, signature, timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task SignatureOverDifferentTimestamp_Is401()
    {
        await using var server = await InteractionsEndpointServer.StartAsync(new AcknowledgingHandler());
        var signature = server.Sign(server.Now, Ping);
        var otherTimestamp = (server.Time.GetUtcNow().ToUnixTimeSeconds() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var response = await server.PostAsync(Ping, signature, otherTimestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "now")]
    [InlineData("good", null)]
    [InlineData("short", "now")]
    [InlineData("long", "now")]
    [InlineData("nothex", "now")]
    [InlineData("good", "")]
    [InlineData("good", "not-a-number")]
    public async Task MissingOrMalformedHeaders_Are401_Not500(string? signatureKind, string? timestampKind)
    {
        await using var server = await InteractionsEndpointServer.StartAsync(new AcknowledgingHandler());
        var timestamp = timestampKind switch { "now" => server.Now, null => null, _ => timestampKind };
        var good = server.Sign(timestamp ?? server.Now, Ping);
        var signature = signatureKind switch
        {
            null => null,
            "good" => good,
            "short" => good[..126],
            "long" => good + "00",
            "nothex" => "zz" + good[2..],
            _ => throw new ArgumentOutOfRangeException(nameof(signatureKind)),
        };

        using var response = await server.PostAsync(Ping, signature, timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task TimestampOutsideWindow_Is401_EvenWhenSigned(int offsetSeconds)
    {
        await using var server = await InteractionsEndpointServer.StartAsync(new AcknowledgingHandler());
        var timestamp = (server.Time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var response = await server.PostAsync(Ping, server.Sign(timestamp, Ping), timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TimestampJustInsideWindow_IsAccepted()
    {
        await using var server = await InteractionsEndpointServer.StartAsync(new AcknowledgingHandler());
        var timestamp = (server.Time.GetUtcNow().ToUnixTimeSeconds() - 299).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var response = await server.PostAsync(Ping, server.Sign(timestamp, Ping), timestamp);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignedButNotAnInteraction_Is400WithReason()
    {
        await using var server = await InteractionsEndpointServer.StartAsync(new AcknowledgingHandler());

        using var response = await server.PostSignedAsync("""{"type":2}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'id'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerThatFails_BeforeAcknowledging_Gives500()
    {
        await using var server = await InteractionsEndpointServer.StartAsync(new FailingHandler());

        using var response = await server.PostSignedAsync(InteractionFixtures.CommandData());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task HandlerThatNeverAcknowledges_TimesOutWithin3Seconds()
    {
        var handler = new SilentHandler();
        await using var server = await InteractionsEndpointServer.StartAsync(handler);

        var responding = server.PostSignedAsync(InteractionFixtures.CommandData());
        await server.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2.5));
        using var response = await responding;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private sealed class FailingHandler : IInteractionHandler
    {
        public Task HandleAsync(InteractionContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("callback failed");
    }

    private sealed class SilentHandler : IInteractionHandler
    {
        public Task HandleAsync(InteractionContext context, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
