using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Messages;

/// <summary>Renders a user object.</summary>
internal static class UserJson
{
    public static JsonObject Render(FakeUser user)
    {
        var node = new JsonObject
        {
            ["id"] = MessageJson.Id(user.Id),
            ["username"] = user.Username,
            ["discriminator"] = "0",
            ["global_name"] = user.GlobalName,
            ["avatar"] = null,
            ["public_flags"] = 0,
        };
        if (user.IsBot)
        {
            node["bot"] = true;
        }

        return node;
    }
}
