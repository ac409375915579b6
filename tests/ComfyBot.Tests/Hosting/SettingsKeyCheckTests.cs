using ComfyBot.Hosting;
using Microsoft.Extensions.Configuration;

namespace ComfyBot.Tests.Hosting;

/// <summary>
/// What the binder would drop without a word: unknown keys, values of the wrong type, list elements that do not convert.
/// Each must be a problem naming its own key and the fix.
/// </summary>
public sealed class SettingsKeyCheckTests
{
    [Fact]
    public void MisspelledKeys_AreProblems_WithDidYouMean()
    {
        var problems = SettingsKeyCheck.Find(Json("""
            { "ComfyBot": {
                "Polcy": { "AdminRoleIds": [ 456789012345678901 ] },
                "Backends": [ { "Name": "gpu-1", "Url": "http://127.0.0.1:8188/", "MaxInFlite": 2 } ] } }
            """));

        Assert.Empty(problems.WrongValues);
        Assert.Equal(2, problems.Unknown.Count);
        Assert.Contains(problems.Unknown, p => p.StartsWith("ComfyBot:Polcy is not a setting; did you mean ComfyBot:Policy?", StringComparison.Ordinal));
        Assert.Contains(problems.Unknown, p => p.StartsWith("ComfyBot:Backends:0:MaxInFlite is not a setting; did you mean ComfyBot:Backends:0:MaxInFlight?", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownKeyWithNoLikelyName_ListsWhatTheSectionTakes()
    {
        var problems = SettingsKeyCheck.Find(Json("""{ "ComfyBot": { "Store": { "Colour": "blue" } } }"""));

        var problem = Assert.Single(problems.Unknown);
        Assert.StartsWith("ComfyBot:Store:Colour is not a setting; ComfyBot:Store takes Path,", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongType_IsReportedAgainstItsOwnKey_NotAsAnEmptyList()
    {
        var configuration = Json("""{ "ComfyBot": { "Discord": { "Token": "a.b.c" }, "Backends": [ { "Name": "gpu-1", "Url": "http://127.0.0.1:8188/", "MaxInFlight": "two" } ] } }""");

        var problems = BotOptionsValidator.Check(configuration, out _);

        var problem = Assert.Single(problems);
        Assert.Equal("ComfyBot:Backends:0:MaxInFlight is 'two', which is not a whole number; write digits, such as 2.", problem);
    }

    [Fact]
    public void EmptyValue_OfANumberOrDuration_IsAProblem_NotACrashOfTheBinder()
    {
        // The binder threw InvalidOperationException on "" for a TimeSpan, and check-config died with a stack trace.
        var configuration = Json("""{ "ComfyBot": { "Discord": { "Token": "a.b.c" }, "Store": { "KeepFinishedFor": "" }, "Backends": [ { "Name": "gpu-1", "Url": "http://127.0.0.1:8188/", "MaxInFlight": "" } ] } }""");

        var problems = BotOptionsValidator.Check(configuration, out var options);

        Assert.Null(options);
        Assert.Equal(2, problems.Count);
        var duration = Assert.Single(problems, p => p.StartsWith("ComfyBot:Store:KeepFinishedFor is empty, which is not a duration", StringComparison.Ordinal));
        Assert.EndsWith("give it a value, or remove the key to keep the default.", duration, StringComparison.Ordinal);
        Assert.Single(problems, p => p.StartsWith("ComfyBot:Backends:0:MaxInFlight is empty, which is not a whole number", StringComparison.Ordinal));
    }

    [Fact]
    public void EmptyText_IsLeftToTheValidation_ThatNamesWhatIsMissing()
    {
        var problems = SettingsKeyCheck.Find(Json("""{ "ComfyBot": { "Discord": { "Token": "" } } }"""));

        Assert.Empty(problems.All);
    }

    [Fact]
    public void IdThatIsNotASnowflake_IsAProblem_InsteadOfADroppedElement()
    {
        var configuration = Json("""{ "ComfyBot": { "Discord": { "GuildIds": [ "not-a-number" ] }, "Policy": { "AdminRoleIds": [ "12x" ] } } }""");

        var problems = SettingsKeyCheck.Find(configuration).WrongValues;

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("ComfyBot:Discord:GuildIds:0 is 'not-a-number', which is not a Discord id: a snowflake of digits only", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("ComfyBot:Policy:AdminRoleIds:0 is '12x', which is not a Discord id", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void KeysOfTheDiscordLibrary_InTheSharedSection_AreKnown()
    {
        var problems = SettingsKeyCheck.Find(Json("""
            { "ComfyBot": { "Discord": {
                "Token": "a.b.c", "Intents": "Guilds", "LargeThreshold": 50, "MaxReconnectDelay": "00:01:00",
                "Rest": { "MaxRateLimitRetries": 5 }, "Interactions": { "MaxBodyBytes": 1048576 } } } }
            """));

        Assert.Empty(problems.All);
    }

    [Fact]
    public void TheExampleSettings_HaveNoUnknownKeyAndNoWrongValue()
    {
        var file = Path.Combine(Testing.RepositoryFixtures.RootDirectory, "appsettings.example.json");

        var problems = SettingsKeyCheck.Find(new ConfigurationBuilder().AddJsonFile(file).Build());

        Assert.Empty(problems.All);
    }

    [Theory]
    [InlineData("""{ "ComfyBot": { "Discord": { "Mode": "Websocket" } } }""", "ComfyBot:Discord:Mode is 'Websocket', which is not one of Gateway, Http.")]
    [InlineData("""{ "ComfyBot": { "Store": { "KeepFinishedFor": "a month" } } }""", "ComfyBot:Store:KeepFinishedFor is 'a month', which is not a duration")]
    [InlineData("""{ "ComfyBot": { "Policy": { "AdminRoleIds": 456789012345678901 } } }""", "ComfyBot:Policy:AdminRoleIds is '456789012345678901', but it takes a list")]
    [InlineData("""{ "ComfyBot": { "Store": "data/bot.db" } }""", "ComfyBot:Store is 'data/bot.db', but it is a section of settings")]
    public void ValueOfTheWrongShape_SaysWhatTheKeyTakes(string json, string expected)
    {
        var problem = Assert.Single(SettingsKeyCheck.Find(Json(json)).WrongValues);

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
}
