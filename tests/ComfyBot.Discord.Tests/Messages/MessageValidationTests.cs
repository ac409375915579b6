using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Tests.Rest;

namespace ComfyBot.Discord.Tests.Messages;

public sealed class MessageValidationTests
{
    private static DiscordValidationException Refused(MessageBody body, bool requireSomething = false) =>
        Assert.Throws<DiscordValidationException>(() => MessageBodyValidator.Validate(body, requireSomething));

    private static Button Click(string id) => Button.Action(ButtonStyle.Primary, id, id);

    [Fact]
    public void ContentOver2000_IsRefused_WithLengthAndLimit()
    {
        var error = Refused(MessageBody.FromContent(new string('x', 2001)));

        Assert.Contains("content: 2001 characters, at most 2000 allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentOf2000_IsAccepted() => MessageBodyValidator.Validate(MessageBody.FromContent(new string('x', 2000)), true);

    [Fact]
    public void ElevenEmbeds_AreRefused()
    {
        var error = Refused(new MessageBody { Embeds = [.. Enumerable.Range(0, 11).Select(_ => new Embed { Title = "t" })] });

        Assert.Contains("embeds: 11 embeds, at most 10 allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbedsOver6000CharactersTogether_AreRefused()
    {
        var embeds = Enumerable.Range(0, 2).Select(_ => new Embed { Description = new string('d', 4000) }).ToList();

        var error = Refused(new MessageBody { Embeds = embeds });

        Assert.Contains("8000 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 6000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ElevenAttachments_CountingKeptOnes_AreRefused()
    {
        var body = new MessageBody
        {
            KeepAttachments = [new Snowflake(1), new Snowflake(2)],
            Files = [.. Enumerable.Range(0, 9).Select(i => new FileUpload($"{i}.png", new byte[] { 1 }))],
        };

        var error = Refused(body);

        Assert.Contains("attachments: 11 attachments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SixRows_AreRefused()
    {
        var error = Refused(new MessageBody { Components = [.. Enumerable.Range(0, 6).Select(i => ActionRow.Of(Click($"b{i}")))] });

        Assert.Contains("components: 6 action rows, at most 5 allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SixButtonsInARow_AreRefused_NamingTheRow()
    {
        var error = Refused(new MessageBody { Components = [ActionRow.Of(Click("ok")), ActionRow.Of([.. Enumerable.Range(0, 6).Select(i => Click($"b{i}"))])] });

        Assert.Contains("components[1]: 6 buttons, at most 5 per row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomIdOver100_IsRefused_WithItsPath()
    {
        var error = Refused(new MessageBody { Components = [ActionRow.Of(Click("ok"), Click(new string('c', 101)))] });

        Assert.Contains("components[0].components[1].custom_id: 101 characters, at most 100 allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateCustomIds_AndLinkButtonsWithCustomIds_AreRefused()
    {
        var link = Button.Link("https://example.com", "Open") with { CustomId = "x" };

        var error = Refused(new MessageBody { Components = [ActionRow.Of(Click("same"), Click("same"), link)] });

        Assert.Contains("'same' is used twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("a link button cannot have a custom_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectSharingARow_IsRefused()
    {
        var select = new StringSelect { CustomId = "s", Options = [new SelectOption("a", "a")] };

        var error = Refused(new MessageBody { Components = [ActionRow.Of(select, Click("b"))] });

        Assert.Contains("a select menu must be alone in its action row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyNewMessage_IsRefused_ButAnEmptyEditIsFine()
    {
        var error = Refused(new MessageBody(), requireSomething: true);

        Assert.Contains("50006", error.Message, StringComparison.Ordinal);
        MessageBodyValidator.Validate(new MessageBody(), requireSomething: false);
    }

    [Fact]
    public void EveryProblem_IsListed()
    {
        var error = Refused(new MessageBody
        {
            Content = new string('x', 2001),
            Components = [ActionRow.Of(Button.Action(ButtonStyle.Primary, new string('c', 101), "Go"))],
        });

        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public async Task RefusedBody_IsNeverSent()
    {
        using var bed = new RestTestBed();

        await Assert.ThrowsAsync<DiscordValidationException>(
            () => bed.Client.CreateFollowupAsync(new Snowflake(1), RestTestBed.InteractionToken, MessageBody.FromContent(new string('x', 2001)), default));

        Assert.Empty(bed.Handler.Requests);
    }
}
