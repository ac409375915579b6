using System.Globalization;
using ComfyBot.FakeDiscord.Contracts;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord.Interactions;

/// <summary>
/// The interaction webhook routes: get/edit/delete <c>@original</c> and followups, and create followups. The
/// token in the path is the credential; it stops working when the interaction is 15 minutes old.
/// </summary>
internal sealed class WebhookRoutes(FakeDiscordState state)
{
    private const string Base = "/webhooks/{webhook_id}/{webhook_token}";

    public void Register(RouteTable routes)
    {
        routes.Open("get " + Base + "/messages/@original", r => Run(r, i => Read(Original(i))), Authorize);
        routes.Open("patch " + Base + "/messages/@original", r => Run(r, i => Edit(r, i, Original(i))), Authorize);
        routes.Open("delete " + Base + "/messages/@original", r => Run(r, i => Delete(Original(i))), Authorize);
        routes.Open("get " + Base + "/messages/{message_id}", r => Run(r, i => Read(ById(r, i))), Authorize);
        routes.Open("patch " + Base + "/messages/{message_id}", r => Run(r, i => Edit(r, i, ById(r, i))), Authorize);
        routes.Open("delete " + Base + "/messages/{message_id}", r => Run(r, i => Delete(ById(r, i))), Authorize);
        routes.Open("post " + Base, r => Run(r, i => Followup(r, i)), Authorize);
    }

    private Task<RestResponse> Run(RestRequest request, Func<FakeInteraction, RestResponse> action) =>
        Task.FromResult(Authorize(request.Match) ?? action(state.Interactions.FindByToken(request["webhook_token"])!));

    /// <summary>The webhook and its token, checked before the body as Discord does; null when both hold.</summary>
    private RestResponse? Authorize(OperationMatch match)
    {
        if (!ulong.TryParse(match["webhook_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id != state.Options.ApplicationId)
        {
            return RestResponse.Error(404, 10015, "Unknown Webhook");
        }

        var interaction = state.Interactions.FindByToken(match["webhook_token"]);
        return interaction is null || state.Time.GetUtcNow() - interaction.CreatedAt >= state.Options.InteractionTokenLifetime
            ? RestResponse.Error(401, 50027, "Invalid Webhook Token")
            : null;
    }

    private static FakeMessage Original(FakeInteraction interaction) =>
        interaction.OriginalMessage is { IsDeleted: false } message ? message : throw UnknownMessage();

    private static FakeMessage ById(RestRequest request, FakeInteraction interaction)
    {
        var id = request.Snowflake("message_id");
        var message = interaction.OriginalMessage?.Id == id ? interaction.OriginalMessage : interaction.Followups.FirstOrDefault(m => m.Id == id);
        return message is { IsDeleted: false } ? message : throw UnknownMessage();
    }

    private RestResponse Read(FakeMessage message) => RestResponse.Ok(MessageJson.Render(message, state.Options.ApplicationId));

    private RestResponse Edit(RestRequest request, FakeInteraction interaction, FakeMessage message)
    {
        state.Messages.Update(message, current => state.Composer.Compose(current, request.PayloadObject, request.Files, interaction.AttachmentSizeLimit));
        return Read(message);
    }

    private RestResponse Delete(FakeMessage message)
    {
        state.Messages.Delete(message);
        return RestResponse.NoContent;
    }

    private RestResponse Followup(RestRequest request, FakeInteraction interaction)
    {
        if (interaction.Callback is null)
        {
            // Discord only knows the interaction webhook once the interaction was acknowledged.
            return RestResponse.Error(404, 10015, "Unknown Webhook");
        }

        var created = state.Composer.Compose(null, request.PayloadObject, request.Files, interaction.AttachmentSizeLimit);
        var message = state.Messages.Create(interaction.ChannelId, interaction.GuildId, state.BotUser, interaction.Id, 0, created,
            MessageInteraction.Of(interaction, interaction.OriginalMessage?.Id));
        interaction.AddFollowup(message);
        state.Signal.Notify();
        return Read(message);
    }

    private static DiscordErrorException UnknownMessage() => new(RestResponse.Error(404, 10008, "Unknown Message"));
}
