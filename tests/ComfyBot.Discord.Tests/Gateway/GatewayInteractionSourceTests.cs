using System.Text;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Interactions;
using ComfyBot.Discord.Tests.Interactions;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class GatewayInteractionSourceTests
{
    [Fact]
    public async Task InteractionCreate_OverGateway_ReachesHandlerAsTypedInteraction()
    {
        var handler = new AcknowledgingHandler();
        await using var gateway = await GatewayHarness.StartAsync();
        await using var source = new GatewayInteractionSource(handler);
        gateway.Client.Subscribe(source);
        await gateway.IdentifyAsync();

        gateway.Transport.Push(Encoding.UTF8.GetString(InteractionFixtures.CommandFrame()));

        var context = await handler.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(InteractionSource.Gateway, context.Source);
        Assert.Equal("imagine", context.Interaction.Command!.Name);
        Assert.Equal(42, gateway.Session.Sequence);
    }

    [Fact]
    public async Task Handlers_RunConcurrently_SoOneSlowInteractionDoesNotHoldTheNext()
    {
        var firstHeld = new TaskCompletionSource();
        var second = new TaskCompletionSource<InteractionContext>();
        var handler = new DelegateHandler(async (context, token) =>
        {
            if (context.Interaction.Id == Snowflake.Parse("1575707738112000123"))
            {
                await firstHeld.Task.WaitAsync(token);
            }
            else
            {
                second.TrySetResult(context);
            }
        });
        await using var source = new GatewayInteractionSource(handler);
        var data = InteractionFixtures.CommandData();
        var other = Encoding.UTF8.GetBytes(InteractionFixtures.CommandDataText().Replace("1575707738112000123", "1575707738112000124", StringComparison.Ordinal));

        await source.HandleAsync(new GatewayDispatch(0, GatewayEventNames.InteractionCreate, 1, data), CancellationToken.None);
        await source.HandleAsync(new GatewayDispatch(0, GatewayEventNames.InteractionCreate, 2, other), CancellationToken.None);

        Assert.Equal(Snowflake.Parse("1575707738112000124"), (await second.Task.WaitAsync(TimeSpan.FromSeconds(10))).Interaction.Id);
        firstHeld.SetResult();
    }

    [Fact]
    public async Task OtherEvents_AndUnparseableInteractions_AreIgnored()
    {
        var handler = new AcknowledgingHandler();
        await using var source = new GatewayInteractionSource(handler);

        await source.HandleAsync(new GatewayDispatch(0, GatewayEventNames.GuildCreate, 1, "{}"u8.ToArray()), CancellationToken.None);
        await source.HandleAsync(new GatewayDispatch(0, GatewayEventNames.InteractionCreate, 2, "{\"id\":\"1\"}"u8.ToArray()), CancellationToken.None);
        await source.HandleAsync(new GatewayDispatch(0, GatewayEventNames.InteractionCreate, 3, InteractionFixtures.CommandData()), CancellationToken.None);

        var context = await handler.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("imagine", context.Interaction.Command!.Name);
        Assert.Equal(1, handler.Count);
    }

    private sealed class DelegateHandler(Func<InteractionContext, CancellationToken, Task> handle) : IInteractionHandler
    {
        public Task HandleAsync(InteractionContext context, CancellationToken cancellationToken) => handle(context, cancellationToken);
    }
}
