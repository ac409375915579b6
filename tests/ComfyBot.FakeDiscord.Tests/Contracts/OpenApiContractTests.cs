using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Contracts;
using ComfyBot.Testing;

namespace ComfyBot.FakeDiscord.Tests.Contracts;

public sealed class OpenApiContractTests
{
    private const string EditOriginal = "patch /webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private const string Callback = "post /interactions/{interaction_id}/{interaction_token}/callback";

    private static IReadOnlyList<ContractViolation> Check(string operation, string json)
    {
        var node = JsonNode.Parse(json)!;
        ContractAllowList.Normalize(operation, node);
        using var document = JsonDocument.Parse(node.ToJsonString());
        return OpenApiContract.Embedded.Validate(operation, document.RootElement);
    }

    [Fact]
    public void Match_PrefersLiteralSegments_AndNamesParameters()
    {
        var match = OpenApiContract.Embedded.Match("PATCH", "/webhooks/123/tok/messages/@original");
        Assert.NotNull(match);
        Assert.Equal(EditOriginal, match.Operation);
        Assert.Equal("123", match["webhook_id"]);

        var byId = OpenApiContract.Embedded.Match("PATCH", "/webhooks/123/tok/messages/456");
        Assert.Equal("456", byId!["message_id"]);
        Assert.Null(OpenApiContract.Embedded.Match("GET", "/no/such/route"));
    }

    [Fact]
    public void ValidProgressEdit_Passes()
    {
        var violations = Check(EditOriginal, """
            {"content":"step 3/20","embeds":[{"title":"lighthouse","image":{"url":"attachment://p.png"}}],
             "attachments":[{"id":"0","filename":"p.png"}],"allowed_mentions":{"parse":[]},
             "components":[{"type":1,"components":[{"type":2,"style":4,"label":"Cancel","custom_id":"job:1:cancel"}]}]}
            """);
        Assert.Empty(violations);
    }

    private static IReadOnlyList<ContractViolation> Undocumented(string operation, string json)
    {
        using var document = JsonDocument.Parse(json);
        return OpenApiContract.Embedded.FindUndocumented(operation, document.RootElement);
    }

    [Fact]
    public void UnknownTopLevelField_IsNotAViolation_ButIsReportedAsUndocumented()
    {
        // Discord's schemas are open: it drops a field it does not know, so refusing one would be stricter than Discord.
        Assert.Empty(Check(EditOriginal, """{"contnet":"typo"}"""));
        var undocumented = Assert.Single(Undocumented(EditOriginal, """{"contnet":"typo"}"""));
        Assert.Equal("/contnet", undocumented.Location);
    }

    [Theory]
    [InlineData(EditOriginal, """{"content":"edited","tts":false,"enforce_nonce":true}""")]
    [InlineData("patch /channels/{channel_id}/messages/{message_id}", """{"content":"edited","tts":false}""")]
    [InlineData(Callback, """{"type":4,"data":{"content":"hi","tts":false,"enforce_nonce":false,"nonce":"1"}}""")]
    [InlineData("post /channels/{channel_id}/messages", """{"content":"hi","enforce_nonce":true,"nonce":"12"}""")]
    [InlineData("put /applications/{application_id}/commands", """[{"name":"imagine","description":"Draw","type":1,"nsfw":false,"dm_permission":true}]""")]
    public void FieldsDiscordAcceptsOutsideTheSpec_AreAccepted(string operation, string json) => Assert.Empty(Check(operation, json));

    [Fact]
    public void IntegerSnowflakes_AreAccepted_AsDiscordTakesThem()
    {
        Assert.Empty(Check("post /channels/{channel_id}/messages", """
            {"content":"hi","message_reference":{"message_id":1300000000000000456,"channel_id":1300000000000000020,"fail_if_not_exists":false},
             "allowed_mentions":{"parse":[],"users":[1300000000000000030],"roles":[]}}
            """));
        Assert.NotEmpty(Check("post /channels/{channel_id}/messages", """{"content":"hi","message_reference":{"message_id":-5}}"""));
        Assert.NotEmpty(Check("post /channels/{channel_id}/messages", """{"content":"hi","message_reference":{"message_id":"12a"}}"""));
    }

    [Fact]
    public void ViolationInsideAComponentUnion_NamesTheFieldAtFault_Only()
    {
        var label = new string('x', 81);
        var violations = Check(EditOriginal, $$"""
            {"components":[{"type":1,"components":[{"type":2,"style":1,"label":"{{label}}","custom_id":"job:1:again"}]}]}
            """);
        var violation = Assert.Single(violations);
        Assert.Equal("/components/0/components/0/label", violation.Location);
        Assert.Contains("maxLength", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ViolationInsideAnEmbed_AmongValidSiblings_IsNamed()
    {
        var violations = Check(EditOriginal, """
            {"content":"ok","embeds":[{"title":"t","fields":[{"name":"a","value":"b"},{"name":"c","value":7}]}],
             "components":[{"type":1,"components":[{"type":2,"style":1,"label":"Go","custom_id":"x"}]}]}
            """);
        Assert.Equal("/embeds/0/fields/1/value", Assert.Single(violations).Location);
    }

    [Fact]
    public void WrongType_IsAViolationAtItsPointer()
    {
        var violations = Check(EditOriginal, """{"content":42}""");
        Assert.Contains(violations, v => v.Location == "/content");
    }

    [Fact]
    public void ContentOver2000_IsAViolation()
    {
        var violations = Check(EditOriginal, JsonSerializer.Serialize(new string('a', 2001), JsonContext.Default.String) is var s ? "{\"content\":" + s + "}" : "");
        Assert.Contains(violations, v => v.Location == "/content");
    }

    [Fact]
    public void DeferCallback_Passes_AndUnknownFieldInData_Fails()
    {
        Assert.Empty(Check(Callback, """{"type":5,"data":{"flags":64}}"""));
        Assert.Empty(Check(Callback, """{"type":4,"data":{"content":"x","bogus":true}}"""));
        Assert.Equal("/data/bogus", Assert.Single(Undocumented(Callback, """{"type":4,"data":{"content":"x","bogus":true}}""")).Location);
        Assert.NotEmpty(Check(Callback, """{"type":"4"}"""));
    }

    [Fact]
    public void AllowList_AcceptsDocCorrectStringPermissions_AndNumericAttachmentIds()
    {
        Assert.Empty(Check("put /applications/{application_id}/commands", """
            [{"name":"imagine","description":"Draw","type":1,"default_member_permissions":"32","contexts":[0],"integration_types":[0],
              "options":[{"type":3,"name":"prompt","description":"What","required":true}]}]
            """));
        Assert.Empty(Check(EditOriginal, """{"attachments":[{"id":0,"filename":"p.png"}]}"""));
    }

    [Fact]
    public void EmbeddedSpec_IsTheFixtureCopy_AndCoversTheRoutesTheFakeServes()
    {
        using var embedded = typeof(FakeDiscordServer).Assembly.GetManifestResourceStream("ComfyBot.FakeDiscord.openapi.json")!;
        using var copy = new MemoryStream();
        embedded.CopyTo(copy);
        Assert.Equal(File.ReadAllBytes(RepositoryFixtures.FixturePath("discord", "openapi.json")), copy.ToArray());

        Assert.Equal(539, OpenApiContract.Embedded.ComponentCount);
        Assert.True(OpenApiContract.Embedded.HasRequestBody(EditOriginal));
        Assert.True(OpenApiContract.Embedded.HasRequestBody(Callback));
        Assert.False(OpenApiContract.Embedded.HasRequestBody("get /users/@me"));
    }

    [Theory]
    [InlineData("put /applications/{application_id}/guilds/{guild_id}/commands", """
        [{"name":"imagine","description":"Draw","type":1,"name_localizations":{"de":"bild"},"contexts":null,
          "options":[
            {"type":3,"name":"prompt","description":"What","required":true,"max_length":1000},
            {"type":3,"name":"model","description":"Model","autocomplete":true},
            {"type":3,"name":"size","description":"Size","choices":[{"name":"Square","value":"1024x1024"},{"name":"Wide","value":"1344x768"}]},
            {"type":4,"name":"steps","description":"Steps","min_value":1,"max_value":150},
            {"type":10,"name":"cfg","description":"CFG","min_value":0.0,"max_value":30.5},
            {"type":5,"name":"private","description":"Only me"},
            {"type":11,"name":"image","description":"Init image"}]},
         {"name":"Upscale this","type":3,"description":""},
         {"name":"admin","description":"Admin","default_member_permissions":"0","options":[
            {"type":1,"name":"ban","description":"Ban a user","options":[{"type":6,"name":"user","description":"Who","required":true}]}]}]
        """)]
    [InlineData("post /channels/{channel_id}/messages", """
        {"content":"Result for <@123>","allowed_mentions":{"parse":[],"users":["123"]},"message_reference":{"message_id":"456","fail_if_not_exists":false},
         "embeds":[{"title":"lighthouse","description":"seed 42","color":5793266,"timestamp":"2026-11-27T12:00:00Z",
                    "fields":[{"name":"Steps","value":"20","inline":true}],"footer":{"text":"ComfyBot"},
                    "image":{"url":"attachment://result.png"},"thumbnail":{"url":"attachment://thumb.png"},"author":{"name":"alice"}}],
         "components":[{"type":1,"components":[
            {"type":2,"style":1,"label":"Again","custom_id":"job:1:again","emoji":{"name":"🔁"}},
            {"type":2,"style":5,"label":"Open","url":"https://example.invalid/1"},
            {"type":2,"style":4,"label":"Delete","custom_id":"job:1:delete","disabled":true}]},
           {"type":1,"components":[{"type":3,"custom_id":"job:1:pick","placeholder":"Pick","min_values":1,"max_values":1,
              "options":[{"label":"One","value":"1","description":"first","default":true},{"label":"Two","value":"2"}]}]}],
         "attachments":[{"id":"0","filename":"result.png","description":"the result"},{"id":"1","filename":"thumb.png"}],
         "flags":4096}
        """)]
    [InlineData("post /webhooks/{webhook_id}/{webhook_token}", """{"content":"followup","flags":64,"tts":false,"allowed_mentions":{"parse":[]}}""")]
    [InlineData("patch /channels/{channel_id}/messages/{message_id}", """{"content":null,"embeds":[],"components":[],"attachments":[],"flags":4}""")]
    public void RealisticBotBodies_Pass(string operation, string json) => Assert.Empty(Check(operation, json));
}
