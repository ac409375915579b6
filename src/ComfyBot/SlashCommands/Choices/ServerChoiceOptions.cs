using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Backends;

namespace ComfyBot.SlashCommands.Choices;

/// <summary>The /imagine options suggested from the servers' lists (their names are the parameters').</summary>
internal static class ServerChoiceOptions
{
    public static IReadOnlyList<WorkflowParameter> Suggested => MemberChoices.Listed;
}
