using ComfyBot.Discord.Interactions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Discord.Tests.Interactions;

public sealed class InteractionParserTests
{
    private static readonly Interaction Command = InteractionParser.Parse(InteractionFixtures.CommandData());

    [Fact]
    public void Parse_Fixture_ReadsEnvelopeFields()
    {
        Assert.Equal(Snowflake.Parse("1575707738112000123"), Command.Id);
        Assert.Equal(Snowflake.Parse("1187000000000000001"), Command.ApplicationId);
        Assert.Equal(InteractionType.ApplicationCommand, Command.Type);
        Assert.Equal(InteractionFixtures.Token, Command.Token);
        Assert.Equal(1, Command.Version);
        Assert.Equal(Snowflake.Parse("1100000000000000001"), Command.GuildId);
        Assert.Equal(Snowflake.Parse("1100000000000000050"), Command.ChannelId);
        Assert.Equal("en-GB", Command.Locale);
        Assert.Equal("de", Command.GuildLocale);
        Assert.Equal(562949953421311UL, Command.AppPermissions);
        Assert.Equal(26214400L, Command.AttachmentSizeLimit);
        Assert.Equal(0, Command.Context);
        Assert.Null(Command.User);
        Assert.Null(Command.Component);
        Assert.Null(Command.Modal);
    }

    [Fact]
    public void Parse_Fixture_ReadsChannelAndMember()
    {
        var channel = Command.Channel!;
        Assert.Equal(Snowflake.Parse("1100000000000000050"), channel.Id);
        Assert.Equal(0, channel.Type);
        Assert.Equal("image-gen", channel.Name);
        Assert.Equal(2248473465835073UL, channel.Permissions);
        Assert.Equal(Snowflake.Parse("1100000000000000040"), channel.ParentId);
        Assert.Equal(Snowflake.Parse("1100000000000000001"), channel.GuildId);

        // Discord sends a guild channel's age-restricted flag; a resolved channel option carries none.
        Assert.False(channel.Nsfw);
        Assert.Null(Command.Command!.GetChannel("post_in")!.Nsfw);

        var member = Command.Member!;
        Assert.Equal("Keeper", member.Nickname);
        Assert.Equal([Snowflake.Parse("1100000000000000201"), Snowflake.Parse("1100000000000000202")], member.Roles);
        Assert.Equal(2248473465835073UL, member.Permissions);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero), member.JoinedAt);
        Assert.Null(member.Avatar);

        var user = member.User!;
        Assert.Same(user, Command.Invoker);
        Assert.Equal(Snowflake.Parse("1200000000000000007"), user.Id);
        Assert.Equal("lighthouse_fan", user.Username);
        Assert.Equal("Lighthouse Fan", user.GlobalName);
        Assert.Equal("0", user.Discriminator);
        Assert.Equal("a1b2c3d4e5f60718293a4b5c6d7e8f90", user.Avatar);
        Assert.False(user.IsBot);
    }

    [Fact]
    public void Parse_Fixture_ReadsCommandAndEveryOptionType()
    {
        var data = Command.Command!;
        Assert.Equal(Snowflake.Parse("1187000000000000100"), data.Id);
        Assert.Equal("imagine", data.Name);
        Assert.Equal(ApplicationCommandType.ChatInput, data.Type);
        Assert.Equal(Snowflake.Parse("1100000000000000001"), data.GuildId);
        Assert.Null(data.Subcommand);
        Assert.Null(data.SubcommandGroup);
        Assert.Null(data.Focused);
        Assert.Equal(9, data.Parameters.Count);

        Assert.Equal("a lighthouse at dusk, volumetric light", data.GetString("prompt"));
        Assert.Equal(42L, data.GetInteger("seed"));
        Assert.Equal(42.0, data.GetNumber("seed"));
        Assert.Equal(7.5, data.GetNumber("cfg"));
        Assert.True(data.GetBoolean("hires"));
        Assert.Equal(Snowflake.Parse("1200000000000000008"), data.GetMentionable("credit"));
        Assert.Null(data.GetString("negative"));
    }

    [Fact]
    public void Parse_Fixture_ResolvesUserMemberRoleChannelAndAttachment()
    {
        var data = Command.Command!;

        var painter = data.GetUser("for")!;
        Assert.Equal("painter", painter.Username);
        Assert.Null(painter.GlobalName);
        var painterMember = data.GetMember("for")!;
        Assert.Null(painterMember.User);
        Assert.Equal(1024UL, painterMember.Permissions);

        var role = data.GetRole("notify")!;
        Assert.Equal("Render Watchers", role.Name);
        Assert.Equal(3072UL, role.Permissions);
        Assert.Equal(3447003, role.Color);
        Assert.Equal(4, role.Position);

        var channel = data.GetChannel("post_in")!;
        Assert.Equal("gallery", channel.Name);

        var attachment = data.GetAttachment("init_image")!;
        Assert.Equal(Snowflake.Parse("1575707738000000999"), attachment.Id);
        Assert.Equal("sketch.png", attachment.Filename);
        Assert.Equal(482113L, attachment.Size);
        Assert.StartsWith("https://cdn.discordapp.com/ephemeral-attachments/", attachment.Url, StringComparison.Ordinal);
        Assert.StartsWith("https://media.discordapp.net/", attachment.ProxyUrl, StringComparison.Ordinal);
        Assert.Equal("image/png", attachment.ContentType);
        Assert.Equal(1024, attachment.Width);
        Assert.Equal(768, attachment.Height);
        Assert.Equal("rough sketch", attachment.Description);
        Assert.True(attachment.Ephemeral);
    }

    [Fact]
    public void GetOption_WithWrongType_ThrowsNamingOptionTypesAndFix()
    {
        var error = Assert.Throws<InteractionOptionException>(() => Command.Command!.GetInteger("prompt"));

        Assert.Contains("'prompt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("String", error.Message, StringComparison.Ordinal);
        Assert.Contains("Integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Age_ComesFromSnowflakeAndTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 3, 0, 2, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero), Command.CreatedAt);
        Assert.Equal(TimeSpan.FromSeconds(2), Command.GetAge(time));
    }

    [Fact]
    public void ToString_NeverContainsToken()
    {
        Assert.DoesNotContain(InteractionFixtures.Token, Command.ToString(), StringComparison.Ordinal);
        Assert.Contains("imagine", Command.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FromStringAndBytes_GiveSameInteraction()
    {
        var fromText = InteractionParser.Parse(InteractionFixtures.CommandDataText());

        Assert.Equal(Command.Id, fromText.Id);
        Assert.Equal(Command.Command!.Parameters, fromText.Command!.Parameters);
    }

    [Fact]
    public void Parse_TypicalFrame_WithKeysInAnyOrder_ReadsWhatTheBotUses()
    {
        var frame = ComfyBot.Discord.Gateway.GatewayFrame.Read(InteractionFixtures.ImagineFrame());
        Assert.Equal((0, 17, "INTERACTION_CREATE"), (frame.Opcode, frame.Sequence, frame.EventName));

        var interaction = InteractionParser.Parse(frame.Data);

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("imagine", interaction.Command!.Name);
        Assert.Equal("a lighthouse at dusk, volumetric light, 35mm", interaction.Command.GetString("prompt"));
        Assert.Equal(42L, interaction.Command.GetInteger("seed"));
        Assert.Equal("input.png", interaction.Command.GetAttachment("image")!.Filename);
        Assert.Equal(Snowflake.Parse("1200000000000000007"), interaction.Invoker.Id);
        Assert.Equal(10485760L, interaction.AttachmentSizeLimit);
        Assert.Equal(562949953421311UL, interaction.AppPermissions);
        Assert.Equal("image-gen", interaction.Channel!.Name);
    }
}
