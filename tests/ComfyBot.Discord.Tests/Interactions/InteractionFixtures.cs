using System.Text;
using ComfyBot.Discord.Gateway;
using ComfyBot.Testing;

namespace ComfyBot.Discord.Tests.Interactions;

/// <summary>The recorded-style INTERACTION_CREATE frame in tests/fixtures/discord, and its <c>d</c>.</summary>
internal static class InteractionFixtures
{
    public const string Token = "aW50ZXJhY3Rpb246MTU3NTcwNzczODExMjAwMDEyMzpGQUtFLVRPS0VOLUZPUi1URVNUUw";

    public static byte[] CommandFrame() => File.ReadAllBytes(RepositoryFixtures.FixturePath("discord", "interaction_create_command.json"));

    public static byte[] CommandData() => GatewayFrame.Read(CommandFrame()).Data.ToArray();

    public static string CommandDataText() => Encoding.UTF8.GetString(CommandData());
}
