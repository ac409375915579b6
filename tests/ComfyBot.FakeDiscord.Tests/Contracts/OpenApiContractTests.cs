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

    [Fact]
    public void UnknownTopLevelField_IsAViolation()
    {
        var violations = Check(EditOriginal, """{"contnet":"typo"}""");
        Assert.NotEmpty(violations);
        Assert.Contains(violations, v => v.ToString().Contains("contnet", StringComparison.Ordinal) || v.Location == "/contnet");
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
        Assert.NotEmpty(Check(Callback, """{"type":4,"data":{"content":"x","bogus":true}}"""));
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
}
