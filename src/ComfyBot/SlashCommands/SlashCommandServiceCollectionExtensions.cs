using ComfyBot.Buttons;
using ComfyBot.SlashCommands.Admin;
using ComfyBot.SlashCommands.Member;
using ComfyBot.Discord.Interactions;
using System.Diagnostics.CodeAnalysis;
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

        // What several handlers share: the job a button belongs to, submitting, cancel answers, follow-ups, the admin check.
        services.AddSingleton<OwnedJob>();
        services.AddSingleton<JobSubmitter>();
        services.AddSingleton<JobAnswers>();
        services.AddSingleton<FollowUp>();
        services.AddSingleton<AdminAccess>();

        services.AddSlashCommand<ImagineCommand>();
        services.AddAutocomplete<WorkflowAutocomplete>();
        services.AddButtonAction<CancelButton>();
        services.AddButtonAction<RerollButton>();
        services.AddButtonAction<DetailsButton>();
        services.AddButtonAction<UpscaleButton>();
        services.AddButtonAction<VaryButton>();

        services.AddSlashCommand<QueueCommand>();
        services.AddSlashCommand<CancelCommand>();
        services.AddAutocomplete<OwnJobAutocomplete>();
        services.AddSlashCommand<WorkflowsCommand>();

        services.AddSlashCommand<AdminQueueCommand>();
        services.AddButtonAction<AdminQueueButton>();
        services.AddSlashCommand<AdminCancelCommand>();
        services.AddAutocomplete<AdminCancelJobAutocomplete>();
        services.AddSlashCommand<AdminCancelUserCommand>();
        services.AddSlashCommand<AdminClearCommand>();
        services.AddSlashCommand<AdminInterruptCommand>();
        services.AddAutocomplete<BackendAutocomplete>();
        services.AddSlashCommand<AdminPauseCommand>();
        services.AddSlashCommand<AdminResumeCommand>();
        services.AddSlashCommand<AdminBumpCommand>();
        services.AddAutocomplete<AdminBumpJobAutocomplete>();
        services.AddSlashCommand<AdminBanCommand>();
        services.AddSlashCommand<AdminUnbanCommand>();
        services.AddSlashCommand<AdminBackendsCommand>();
        services.AddSlashCommand<UsageCommand>();
        services.AddSingleton<AdminUsageReports>();
        services.AddSlashCommand<AdminUsageCommand>();
        services.AddButtonAction<AdminUsageButton>();

        services.AddSlashCommand<AdminFilterAddCommand>();
        services.AddSlashCommand<AdminFilterRemoveCommand>();
        services.AddAutocomplete<AdminFilterRuleAutocomplete>();
        services.AddSlashCommand<AdminFilterListCommand>();
        services.AddSlashCommand<AdminAuditCommand>();
        services.AddButtonAction<AdminAuditButton>();

        // Results a member can act on (issue 13): Edit & redo (a button and its form), Delete, and /settings.
        services.AddButtonAction<EditButton>();
        services.AddModalAction<EditModal>();
        services.AddButtonAction<DeleteButton>();
        services.AddSingleton<MemberDefaults>();
        services.AddSlashCommand<SettingsCommand>();
        services.AddAutocomplete<SettingsWorkflowAutocomplete>();

        // /imagine's choices from the servers' own lists: one suggester per option.
        foreach (var parameter in Choices.ServerChoiceOptions.Suggested)
        {
            services.AddSingleton<IAutocompleteSource>(p => ActivatorUtilities.CreateInstance<Choices.ServerChoiceAutocomplete>(p, parameter));
        }

        return services;
    }

    public static IServiceCollection AddSlashCommand<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, ISlashCommand => services.AddSingleton<ISlashCommand, T>();

    public static IServiceCollection AddAutocomplete<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, IAutocompleteSource => services.AddSingleton<IAutocompleteSource, T>();

    public static IServiceCollection AddButtonAction<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, IButtonAction => services.AddSingleton<IButtonAction, T>();

    public static IServiceCollection AddModalAction<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, IModalAction => services.AddSingleton<IModalAction, T>();
}
