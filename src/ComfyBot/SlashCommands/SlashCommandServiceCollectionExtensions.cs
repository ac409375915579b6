using ComfyBot.Buttons;
using ComfyBot.Discord.Interactions;
using Microsoft.Extensions.DependencyInjection;

namespace ComfyBot.SlashCommands;

/// <summary>Registers the interaction router and the bot's handlers: one line per handler.</summary>
internal static class SlashCommandServiceCollectionExtensions
{
    /// <summary>The router and every command, autocomplete and button handler of the bot.</summary>
    public static IServiceCollection AddBotInteractions(this IServiceCollection services)
    {
        services.AddSingleton<InteractionRouter>();
        services.AddSingleton<IInteractionHandler>(p => p.GetRequiredService<InteractionRouter>());

        services.AddSlashCommand<ImagineCommand>();
        services.AddAutocomplete<WorkflowAutocomplete>();
        services.AddButtonAction<CancelButton>();
        services.AddButtonAction<RerollButton>();
        services.AddButtonAction<DetailsButton>();
        services.AddButtonAction<UpscaleButton>();
        services.AddButtonAction<VaryButton>();
        return services;
    }

    public static IServiceCollection AddSlashCommand<T>(this IServiceCollection services)
        where T : class, ISlashCommand => services.AddSingleton<ISlashCommand, T>();

    public static IServiceCollection AddAutocomplete<T>(this IServiceCollection services)
        where T : class, IAutocompleteSource => services.AddSingleton<IAutocompleteSource, T>();

    public static IServiceCollection AddButtonAction<T>(this IServiceCollection services)
        where T : class, IButtonAction => services.AddSingleton<IButtonAction, T>();
}
