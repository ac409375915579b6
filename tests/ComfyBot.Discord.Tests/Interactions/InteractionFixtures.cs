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

    /// <summary>A typical /imagine frame (~2 KB) with "t" first and the keys in Discord's unordered style.</summary>
    public static byte[] ImagineFrame() => File.ReadAllBytes(RepositoryFixtures.FixturePath("discord", "interaction_create_imagine.json"));

    public static string CommandDataText() => Encoding.UTF8.GetString(CommandData());
}
