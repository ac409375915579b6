using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ComfyBot.Hosting;

/// <summary>
/// Checks <see cref="BotOptions"/> as a whole and reports every problem at once, each with its key and fix: the
/// options' validator (ValidateOnStart) and, through <see cref="Check"/>, the check run, check-config and the host's
/// build make before anything starts.
/// </summary>
internal sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem; empty when the bot can start.</summary>
    public static IReadOnlyList<string> Problems(BotOptions options, bool requireDiscord = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.Instance) || options.Instance.Length > 32 || !options.Instance.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add($"ComfyBot:Instance is '{options.Instance}'; set a short name of letters, digits, '-' or '_' (e.g. main).");
        }

        if (requireDiscord)
        {
            errors.AddRange(options.Discord.Validate());
        }

        errors.AddRange(options.Http.Validate(options.Discord.Mode));
        errors.AddRange(options.Logging.Validate());
        errors.AddRange(options.Telemetry.Validate());
        ValidateBackends(options, errors);
        ValidateTemplates(options, errors);
        errors.AddRange(options.EffectiveJobs().Validate());
        errors.AddRange(options.Policy.Validate());
        errors.AddRange(options.Store.Validate());
        errors.AddRange(options.BackendMonitor.Validate());
        ValidateReply(options.Reply, errors);
        errors.AddRange(options.Moderation.Validate());
        ValidateChannelTemplates(options, errors);
        return errors;
    }

    /// <summary>
    /// Reads section <c>ComfyBot</c> into <paramref name="options"/> and returns every problem: unknown keys and values
    /// of the wrong type (<see cref="SettingsKeyCheck"/>), then the values themselves. While a value has the wrong type
    /// the bound options are not what the file says, so the values are checked only once those are fixed
    /// (<paramref name="options"/> is then null).
    /// </summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration, out BotOptions? options, bool requireDiscord = true)
    {
        var keys = SettingsKeyCheck.Find(configuration);
        if (keys.WrongValues.Count > 0)
        {
            options = null;
            return keys.All;
        }

        options = BotHost.ReadOptions(configuration);
        return [.. keys.Unknown, .. Problems(options, requireDiscord), .. requireDiscord ? DiscordTransportServiceCollectionExtensions.Problems(configuration, options.Discord) : []];
    }

    private static void ValidateBackends(BotOptions options, List<string> errors)
    {
        if (options.Backends.Count == 0)
        {
            errors.Add("ComfyBot:Backends is empty; add at least one ComfyUI server, e.g. ComfyBot:Backends:0:Name=gpu-1 and ComfyBot:Backends:0:Url=http://127.0.0.1:8188/.");
            return;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var backend in options.Backends)
        {
            errors.AddRange(backend.Validate());
            if (!string.IsNullOrEmpty(backend.Name) && !names.Add(backend.Name))
            {
                errors.Add($"ComfyBot:Backends has the name '{backend.Name}' twice; give each server its own name.");
            }
        }
    }

    private static void ValidateReply(Replies.DiscordJobViewOptions reply, List<string> errors)
    {
        if (reply.MoveBeforeExpiry < TimeSpan.FromSeconds(5) || reply.MoveBeforeExpiry > TimeSpan.FromMinutes(10))
        {
            errors.Add($"ComfyBot:Reply:MoveBeforeExpiry is {reply.MoveBeforeExpiry}; it must be between 00:00:05 and 00:10:00 (the token lives 15 minutes); e.g. 00:01:00.");
        }

        if (!reply.WebBase.IsAbsoluteUri)
        {
            errors.Add($"ComfyBot:Reply:WebBase is '{reply.WebBase}'; it must be an absolute URL such as https://discord.com.");
        }
    }

    /// <summary>Each template a channel rule lists must be configured (or be the built-in one when none is).</summary>
    private static void ValidateChannelTemplates(BotOptions options, List<string> errors)
    {
        var names = options.Templates.Count == 0 ? [TemplateLoader.BuiltInName] : options.Templates.Select(t => t.Name).ToList();
        for (var i = 0; i < options.Moderation.Channels.Count; i++)
        {
            var templates = options.Moderation.Channels[i]?.Templates ?? [];
            for (var t = 0; t < templates.Count; t++)
            {
                var name = templates[t]?.Trim();
                if (!string.IsNullOrEmpty(name) && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Core.Moderation.ModerationOptions.Section}:Channels:{i}:Templates:{t} is '{name}', which is not a configured template; use one of: {string.Join(", ", names)}."));
                }
            }
        }
    }

    private static void ValidateTemplates(BotOptions options, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Templates.Count; i++)
        {
            var template = options.Templates[i];
            var key = $"ComfyBot:Templates:{i}";
            if (string.IsNullOrWhiteSpace(template.Name) || template.Name.Length > 100 || template.Name.Any(char.IsWhiteSpace))
            {
                errors.Add($"{key}:Name is '{template.Name}'; give a short name without spaces (members type it in /imagine's workflow option), e.g. sd15.");
            }
            else if (!names.Add(template.Name))
            {
                errors.Add($"{key}:Name '{template.Name}' is used twice; give each template its own name.");
            }

            if (string.IsNullOrWhiteSpace(template.File))
            {
                errors.Add($"{key}:File is empty; set the path of the workflow exported in API format, e.g. templates/sd15-txt2img.json.");
            }

            foreach (var (parameter, bound) in template.Bounds)
            {
                if (bound.Min is { } min && bound.Max is { } max && min > max)
                {
                    errors.Add($"{key}:Bounds:{parameter} has Min {min} above Max {max}; swap them.");
                }
            }
        }

        for (var i = 0; i < options.Templates.Count; i++)
        {
            var template = options.Templates[i];
            CheckFollowUp(template.UpscaleWith, $"ComfyBot:Templates:{i}:UpscaleWith");
            CheckFollowUp(template.VaryWith, $"ComfyBot:Templates:{i}:VaryWith");
        }

        void CheckFollowUp(string? name, string key)
        {
            if (name is not null && !names.Contains(name))
            {
                errors.Add($"{key} is '{name}', which is not a configured template; set it to one of: {string.Join(", ", names.Order(StringComparer.Ordinal))}, or remove it.");
            }
        }
    }
}
