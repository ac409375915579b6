using System.Globalization;
using System.Text;

namespace ComfyBot.Discord.Commands;

/// <summary>
/// Decides whether the registered commands already match the definitions, comparing only the fields we define,
/// with Discord's defaults filled in (absent required/autocomplete/nsfw mean false, absent type means 1). JSON key
/// order never matters; the order of options and choices does, because Discord shows them in that order.
/// </summary>
internal static class CommandComparer
{
    /// <summary>What differs, one line per command; empty when nothing does.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<CommandPayload> desired, IReadOnlyList<CommandPayload> current)
    {
        var differences = new List<string>();
        var remote = new Dictionary<(int, string), CommandPayload>();
        foreach (var command in current)
        {
            remote[(command.Type ?? 1, command.Name)] = command;
        }

        foreach (var wanted in desired)
        {
            var key = (wanted.Type ?? 1, wanted.Name);
            if (!remote.Remove(key, out var existing))
            {
                differences.Add($"'{wanted.Name}' is new");
            }
            else if (Canonical(wanted, wanted) != Canonical(existing, wanted))
            {
                differences.Add($"'{wanted.Name}' changed");
            }
        }

        // A bulk overwrite removes whatever is not listed, so an extra remote command is a difference too.
        differences.AddRange(remote.Values.Select(extra => $"'{extra.Name}' is registered but no longer defined"));
        return differences;
    }

    /// <summary>A canonical text of <paramref name="command"/>, limited to what <paramref name="reference"/> defines.</summary>
    internal static string Canonical(CommandPayload command, CommandPayload reference)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"type={command.Type ?? 1};name={command.Name};description={command.Description ?? ""};");
        text.Append(CultureInfo.InvariantCulture, $"permissions={command.DefaultMemberPermissions ?? "-"};nsfw={command.Nsfw ?? false};");
        if (reference.DmPermission is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"dm={command.DmPermission ?? true};");
        }

        if (reference.Contexts is not null)
        {
            text.Append("contexts=").AppendJoin(',', (command.Contexts ?? []).Order()).Append(';');
        }

        if (reference.IntegrationTypes is not null)
        {
            text.Append("integrations=").AppendJoin(',', (command.IntegrationTypes ?? []).Order()).Append(';');
        }

        AppendOptions(text, command.Options);
        return text.ToString();
    }

    private static void AppendOptions(StringBuilder text, IReadOnlyList<CommandOptionPayload>? options)
    {
        text.Append('[');
        foreach (var option in options ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"{{type={option.Type};name={option.Name};description={option.Description};");
            text.Append(CultureInfo.InvariantCulture, $"required={option.Required ?? false};autocomplete={option.Autocomplete ?? false};");
            text.Append(CultureInfo.InvariantCulture, $"min={Number(option.MinValue)};max={Number(option.MaxValue)};");
            text.Append(CultureInfo.InvariantCulture, $"minlen={option.MinLength?.ToString(CultureInfo.InvariantCulture) ?? "-"};maxlen={option.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "-"};");
            text.Append("choices=");
            foreach (var choice in option.Choices ?? [])
            {
                var kind = choice.Value.Kind == ApplicationCommandOptionType.String ? "s" : "n";
                var value = choice.Value.Kind switch
                {
                    ApplicationCommandOptionType.String => choice.Value.Text,
                    ApplicationCommandOptionType.Integer => Number(choice.Value.Integer),
                    _ => Number(choice.Value.Number),
                };
                text.Append(CultureInfo.InvariantCulture, $"({choice.Name}={kind}:{value})");
            }

            text.Append(";options=");
            AppendOptions(text, option.Options);
            text.Append('}');
        }

        text.Append(']');
    }

    // Integers and numbers compare by value: 5 from us and 5.0 from Discord are the same.
    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
}
