using ComfyBot.Discord.Interactions;

namespace ComfyBot.Discord.Tests.Interactions;

/// <summary>The other interaction shapes: subcommand groups, autocomplete, components, modals, DMs, PING, bad input.</summary>
public sealed class InteractionShapesTests
{
    private const string Envelope = """
        "id":"1575707738112000200","application_id":"1187000000000000001","token":"tok","version":1,
        "channel_id":"1100000000000000050","app_permissions":"8","locale":"fr"
        """;

    private const string Member = """
        "guild_id":"1100000000000000001","member":{"user":{"id":"1200000000000000007","username":"u"},"roles":[],"permissions":"8"}
        """;

    [Fact]
    public void SubcommandGroup_ExposesGroupSubcommandAndParameters()
    {
        var interaction = InteractionParser.Parse("{" + Envelope + "," + Member + """
            ,"type":2,"data":{"id":"5","name":"queue","type":1,"options":[
              {"name":"admin","type":2,"options":[{"name":"purge","type":1,"options":[
                {"name":"user","type":6,"value":"1200000000000000008"},{"name":"all","type":5,"value":false}]}]}],
              "resolved":{"users":{"1200000000000000008":{"id":"1200000000000000008","username":"painter"}}}}}
            """);

        var data = interaction.Command!;
        Assert.Equal("admin", data.SubcommandGroup);
        Assert.Equal("purge", data.Subcommand);
        Assert.Equal(ApplicationCommandOptionType.SubCommandGroup, data.Options[0].Type);
        Assert.Equal(2, data.Parameters.Count);
        Assert.False(data.GetBoolean("all"));
        Assert.Equal("painter", data.GetUser("user")!.Username);
    }

    [Fact]
    public void Autocomplete_FindsFocusedOptionInsideSubcommand_WithPartialText()
    {
        var interaction = InteractionParser.Parse("{" + Envelope + "," + Member + """
            ,"type":4,"data":{"id":"5","name":"imagine","type":1,"options":[{"name":"style","type":1,"options":[
              {"name":"steps","type":4,"value":"2","focused":true},{"name":"preset","type":3,"value":"cin"}]}]}}
            """);

        Assert.Equal(InteractionType.ApplicationCommandAutocomplete, interaction.Type);
        var focused = interaction.Command!.Focused!;
        Assert.Equal("steps", focused.Name);
        Assert.Equal("2", focused.Text);
        Assert.Null(focused.IntegerValue);
        Assert.Equal("2", interaction.Command.GetString("steps"));
        Assert.Equal("cin", interaction.Command.GetString("preset"));
    }

    [Fact]
    public void Component_ReadsCustomIdTypeValuesAndMessage_InDm()
    {
        var interaction = InteractionParser.Parse("{" + Envelope + """
            ,"type":3,"user":{"id":"1200000000000000009","username":"dm_user","bot":false},
            "message":{"id":"1575707738112000100","content":"done"},
            "data":{"custom_id":"job:77:upscale","component_type":3,"values":["2x","4x"]}}
            """);

        var component = interaction.Component!;
        Assert.Equal("job:77:upscale", component.CustomId);
        Assert.Equal(3, component.ComponentType);
        Assert.Equal(["2x", "4x"], component.Values);
        Assert.Equal(Snowflake.Parse("1575707738112000100"), interaction.MessageId);
        Assert.Null(interaction.Member);
        Assert.Equal("dm_user", interaction.Invoker.Username);
        Assert.Null(interaction.Command);
    }

    [Fact]
    public void Modal_ReadsInputsInsideLabelsAndActionRows()
    {
        var interaction = InteractionParser.Parse("{" + Envelope + "," + Member + """
            ,"type":5,"data":{"custom_id":"edit:77","components":[
              {"type":18,"id":1,"component":{"type":4,"id":2,"custom_id":"prompt","value":"a lighthouse"}},
              {"type":1,"id":3,"components":[{"type":4,"id":4,"custom_id":"negative","value":"blurry"}]},
              {"type":18,"id":5,"component":{"type":3,"id":6,"custom_id":"size","values":["1024"]}}]}}
            """);

        var modal = interaction.Modal!;
        Assert.Equal("edit:77", modal.CustomId);
        Assert.Equal(3, modal.Components.Count);
        Assert.Equal("a lighthouse", modal.GetValue("prompt"));
        Assert.Equal("blurry", modal.GetValue("negative"));
        Assert.Equal(["1024"], modal.GetComponent("size")!.Values);
        Assert.Null(modal.GetValue("missing"));
    }

    [Fact]
    public void Ping_HasNoDataAndNoInvoker()
    {
        var ping = InteractionParser.Parse("""{"id":"1575707738112000300","application_id":"1187000000000000001","type":1,"token":"t","version":1}""");

        Assert.Equal(InteractionType.Ping, ping.Type);
        Assert.Throws<InvalidOperationException>(() => ping.Invoker);
    }

    [Theory]
    [InlineData("""{"application_id":"1","type":2,"token":"t","data":{}}""", "'id'")]
    [InlineData("""{"id":"1","application_id":"1","type":2,"data":{"id":"2","name":"x"}}""", "'token'")]
    [InlineData("""{"id":"1","application_id":"1","type":7,"token":"t"}""", "type 7")]
    [InlineData("""{"id":"1","application_id":"1","type":2,"token":"t"}""", "no 'data'")]
    [InlineData("""{"id":"1","application_id":"1","type":2,"token":"t","app_permissions":"lots","data":{"id":"2","name":"x"}}""", "app_permissions")]
    [InlineData("""{"id":"1","application_id":"1","type":2,"token":"t","data":{"id":"2","name":"x","options":[{"name":"u","type":6,"value":"bob"}]}}""", "data.options[0].value")]
    [InlineData("""{"id":"1","application_id":"1","type":2,"token":"t","data":{"id":"2","name":"x","options":[{"name":"u","type":3,"value":{}}]}}""", "'data.options[0].value' is an object")]
    [InlineData("""{"id":"1","application_id":"1","type":2,"token":"t","data":{"id":"2","name":"x","options":[{"name":"a","type":3,"value":"v"},{"name":"b","type":"4"}]}}""", "In data.options[1]: 'data.options.type' is a string '4'; expected a whole number")]
    [InlineData("""{"id":"1","application_id":"1","type":2,"token":"t","member":{"user":{"id":"x1","username":"u"}},"data":{"id":"2","name":"x"}}""", "'member.user.id' is a string 'x1'; expected a snowflake")]
    [InlineData("""{"id":"1",""", "not valid JSON")]
    public void Parse_BadInput_SaysWhatAndWhere(string json, string expected)
    {
        var error = Assert.Throws<InteractionFormatException>(() => InteractionParser.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
