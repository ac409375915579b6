using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Rest;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>The two clocks of an interaction as FakeDiscord keeps them: 3 s to answer, 15 min of token.</summary>
public sealed class InteractionTokenTests
{
    [Fact]
    public async Task EditAfterFifteenMinutes_IsReportedAtOnceAsExpiredToken()
    {
        await using var bed = await RestBed.StartAsync();
        var interaction = bed.Imagine();
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: false, default);
        await bed.Client.EditOriginalResponseAsync(bed.ApplicationId, interaction.Token, MessageBody.FromContent("step 1"), default);

        bed.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        bed.Time.ForgetTimers();
        var before = bed.Fake.Requests.Count;
        var error = await Assert.ThrowsAsync<DiscordRestException>(
            () => bed.Client.EditOriginalResponseAsync(bed.ApplicationId, interaction.Token, MessageBody.FromContent("step 2"), default).WaitAsync(RestBed.HangGuard));

        Assert.True(error.IsExpiredInteractionToken, error.Message);
        Assert.Equal(50027, error.Code);
        // Once: no retry, no wait on the fake clock.
        Assert.Equal(before + 1, bed.Fake.Requests.Count);
        Assert.Equal(["", "step 1"], interaction.OriginalMessage!.History.Select(s => s.Content));
        Assert.DoesNotContain(interaction.Token, error.Message, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task EditJustBeforeFifteenMinutes_StillWorks()
    {
        await using var bed = await RestBed.StartAsync();
        var interaction = bed.Imagine();
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: false, default);

        bed.Time.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));
        await bed.Client.EditOriginalResponseAsync(bed.ApplicationId, interaction.Token, MessageBody.FromContent("late but fine"), default);

        Assert.Equal("late but fine", interaction.OriginalMessage!.Current.Content);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task CallbackAfterThreeSeconds_Is10062UnknownInteraction()
    {
        await using var bed = await RestBed.StartAsync();
        var interaction = bed.Imagine();

        bed.Time.Advance(TimeSpan.FromSeconds(3.5));
        var error = await Assert.ThrowsAsync<DiscordRestException>(
            () => bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: true, default));

        Assert.Equal(10062, error.Code);
        Assert.True(error.IsExpiredInteractionToken);
        Assert.Single(bed.Fake.Requests);
        Assert.Null(interaction.Callback);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task CallbackWithinThreeSeconds_IsAccepted()
    {
        await using var bed = await RestBed.StartAsync();
        var interaction = bed.Imagine();

        bed.Time.Advance(TimeSpan.FromSeconds(2.9));
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: false, default);

        Assert.Equal(5, interaction.Callback!.Type);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task SecondCallback_Is40060AndNotRetried()
    {
        await using var bed = await RestBed.StartAsync();
        var interaction = bed.Imagine();
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: false, default);

        var error = await Assert.ThrowsAsync<DiscordRestException>(
            () => bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: false, default));

        Assert.Equal(40060, error.Code);
        Assert.False(error.IsExpiredInteractionToken);
        Assert.Equal(2, bed.Fake.Requests.Count);
        bed.Fake.AssertNoContractViolations();
    }
}
