using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>The REST path of one /imagine against FakeDiscord: log in, defer, edit, attach, replace, follow up, fall back.</summary>
public sealed class InteractionFlowTests
{
    private static readonly byte[] FirstImage = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4];
    private static readonly byte[] SecondImage = [0x89, 0x50, 0x4E, 0x47, 9, 8, 7, 6, 5];

    [Fact]
    public async Task LogIn_ReadsTheBotUserAndTheGatewayFromFakeDiscord()
    {
        await using var bed = await RestBed.StartAsync();

        var me = await bed.Client.GetCurrentUserAsync(default);
        var application = await bed.Client.GetCurrentApplicationAsync(default);
        // The gateway sees the REST client only through this seam.
        var gateway = await ((IGatewayBotSource)bed.Client).GetGatewayBotAsync(default);

        Assert.Equal(bed.Fake.BotUser.Id, me.Id.Value);
        Assert.True(me.IsBot);
        Assert.Equal("comfybot", me.Username);
        Assert.Equal(bed.ApplicationId, application.Id);
        Assert.Equal(bed.Fake.GatewayUrl.ToString().TrimEnd('/'), gateway.Url.TrimEnd('/'));
        Assert.Equal(1, gateway.Shards);
        Assert.Equal(1, gateway.SessionStartLimit.MaxConcurrency);
        Assert.True(gateway.SessionStartLimit.Remaining > 0);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Defer_ThenEdits_ThenAttach_ThenReplace_KeepsEveryVersionWithItsBytes()
    {
        await using var bed = await RestBed.StartAsync(fake => fake.RateLimits.Enforce = false);
        var interaction = bed.Imagine();
        var token = interaction.Token;

        var deferred = await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), token, InteractionCallback.Defer(), withResponse: true, default);
        Assert.NotNull(deferred);
        Assert.Equal(interaction.Id, deferred.InteractionId.Value);
        Assert.True(deferred.ResponseMessageLoading);
        Assert.Equal(interaction.OriginalMessage!.Id, deferred.ResponseMessageId!.Value.Value);
        Assert.Equal(5, (await interaction.WaitForCallbackAsync().WaitAsync(RestBed.HangGuard)).Type);

        foreach (var step in new[] { "queued #2", "step 5/20", "step 20/20" })
        {
            bed.Time.Advance(TimeSpan.FromSeconds(1));
            var edited = await bed.Client.EditOriginalResponseAsync(bed.ApplicationId, token, MessageBody.FromContent(step), default);
            Assert.Equal(step, edited.Content);
        }

        var withImage = await bed.Client.EditOriginalResponseAsync(bed.ApplicationId, token, new MessageBody
        {
            Content = "done",
            Files = [new FileUpload("lighthouse.png", FirstImage) { ContentType = "image/png", Description = "a lighthouse" }],
        }, default);
        var first = Assert.Single(withImage.Attachments);
        Assert.Equal("lighthouse.png", first.FileName);
        Assert.Equal(FirstImage.Length, first.Size);

        var replaced = await bed.Client.EditOriginalResponseAsync(bed.ApplicationId, token, new MessageBody
        {
            Content = "done (upscaled)",
            Files = [new FileUpload("upscaled.png", SecondImage) { ContentType = "image/png" }],
            KeepAttachments = [],
        }, default);
        Assert.Equal("upscaled.png", Assert.Single(replaced.Attachments).FileName);

        var history = interaction.OriginalMessage.History;
        Assert.Equal(["", "queued #2", "step 5/20", "step 20/20", "done", "done (upscaled)"], history.Select(s => s.Content));
        Assert.Equal([0, 1, 2, 3, 4, 5], history.Select(s => s.Version));
        Assert.True(history[0].IsLoading);
        Assert.All(history.Skip(1), s => Assert.False(s.IsLoading));
        Assert.All(history.Take(4), s => Assert.Empty(s.Attachments));
        var attached = Assert.Single(history[4].Attachments);
        Assert.Equal(FirstImage, attached.Bytes.ToArray());
        Assert.Equal("a lighthouse", attached.Description);
        Assert.Equal("image/png", attached.ContentType);
        var replacement = Assert.Single(history[5].Attachments);
        Assert.Equal(SecondImage, replacement.Bytes.ToArray());
        Assert.NotEqual(attached.Id, replacement.Id);

        // The file is served where the message says it is, byte for byte.
        var served = await bed.Http.GetByteArrayAsync(new Uri(Assert.Single(replaced.Attachments).Url));
        Assert.Equal(SecondImage, served);
        var original = await bed.Client.GetOriginalResponseAsync(bed.ApplicationId, token, default);
        Assert.Equal("done (upscaled)", original.Content);
        Assert.NotNull(original.EditedTimestamp);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task EditWithoutFiles_KeepsTheAttachmentOfThePreviousVersion()
    {
        await using var bed = await RestBed.StartAsync(fake => fake.RateLimits.Enforce = false);
        var interaction = bed.Imagine();
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: false, default);
        await bed.Client.EditOriginalResponseAsync(bed.ApplicationId, interaction.Token, new MessageBody { Files = [new FileUpload("a.png", FirstImage)] }, default);

        var edited = await bed.Client.EditOriginalResponseAsync(bed.ApplicationId, interaction.Token, MessageBody.FromContent("caption"), default);

        Assert.Equal("a.png", Assert.Single(edited.Attachments).FileName);
        Assert.Equal(FirstImage, Assert.Single(interaction.OriginalMessage!.Current.Attachments).Bytes.ToArray());
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Followups_AreCreatedEditedAndDeleted_OnTheInteraction()
    {
        await using var bed = await RestBed.StartAsync(fake => fake.RateLimits.Enforce = false);
        var interaction = bed.Imagine();
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Reply(MessageBody.FromContent("queued")), withResponse: false, default);

        var followup = await bed.Client.CreateFollowupAsync(bed.ApplicationId, interaction.Token, new MessageBody
        {
            Content = "only you can see this",
            Flags = MessageFlags.Ephemeral,
        }, default);
        var second = await bed.Client.CreateFollowupAsync(bed.ApplicationId, interaction.Token, new MessageBody
        {
            Content = "variation",
            Files = [new FileUpload("v.png", SecondImage)],
        }, default);
        await bed.Client.EditFollowupAsync(bed.ApplicationId, interaction.Token, followup.Id, MessageBody.FromContent("edited"), default);
        await bed.Client.DeleteFollowupAsync(bed.ApplicationId, interaction.Token, second.Id, default);

        Assert.Equal(2, interaction.Followups.Count);
        var kept = bed.Fake.FindMessage(followup.Id.Value)!;
        Assert.Equal(["only you can see this", "edited"], kept.History.Select(s => s.Content));
        Assert.True(kept.Current.IsEphemeral);
        var deleted = bed.Fake.FindMessage(second.Id.Value)!;
        Assert.True(deleted.IsDeleted);
        Assert.Equal(SecondImage, Assert.Single(deleted.History[0].Attachments).Bytes.ToArray());
        Assert.Equal("queued", interaction.OriginalMessage!.Current.Content);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task ChannelMessage_WithTheBotToken_IsCreatedAndEditedInTheChannel()
    {
        await using var bed = await RestBed.StartAsync(fake => fake.RateLimits.Enforce = false);

        var posted = await bed.Client.CreateMessageAsync(bed.ChannelId, new MessageBody
        {
            Content = "your job is still running",
            Files = [new FileUpload("preview.png", FirstImage)],
        }, default);
        var edited = await bed.Client.EditMessageAsync(bed.ChannelId, posted.Id, MessageBody.FromContent("done"), default);

        Assert.Equal(bed.ChannelId, posted.ChannelId);
        Assert.Equal("done", edited.Content);
        var message = Assert.Single(bed.Fake.MessagesIn(bed.ChannelId.Value));
        Assert.Equal(bed.Fake.BotUser.Id, message.Author.Id);
        Assert.Null(message.InteractionId);
        Assert.Equal(["your job is still running", "done"], message.History.Select(s => s.Content));
        Assert.Equal(FirstImage, Assert.Single(message.Current.Attachments).Bytes.ToArray());
        // FakeDiscord answers channel routes only with the bot token, as Discord does.
        Assert.Contains(bed.Fake.Requests, r => r.Operation == "patch /channels/{channel_id}/messages/{message_id}" && r.Status == 200);
        bed.Fake.AssertNoContractViolations();
    }
}
