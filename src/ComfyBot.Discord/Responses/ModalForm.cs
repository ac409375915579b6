namespace ComfyBot.Discord.Responses;

/// <summary>A modal (callback type 9): a title and one to five text fields.</summary>
/// <param name="CustomId">What identifies the submission, 1-100 characters.</param>
/// <param name="Title">The title, 1-45 characters.</param>
/// <param name="Inputs">The fields, 1 to 5.</param>
public sealed record ModalForm(string CustomId, string Title, IReadOnlyList<TextInput> Inputs);
