using System.Collections;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using ComfyBot.Comfy.Nodes;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.HttpInteractions;
using ComfyBot.Discord.Rest;
using Microsoft.Extensions.Configuration;

namespace ComfyBot.Hosting;

/// <summary>
/// Reads section <c>ComfyBot</c> key by key against the options classes that bind it, before binding. The binder is
/// silent about what it cannot use: it skips a key no class has (<c>Polcy</c>, <c>MaxInFlite</c>), drops a list element
/// whose value does not convert (<c>GuildIds: ["not-a-number"]</c>), and drops a whole backend for one bad number, which
/// then reads as "Backends is empty". Each of those is a problem here, named by its own key, with the fix.
/// </summary>
internal static class SettingsKeyCheck
{
    // The sections that more than one class binds: the host's own settings and the Discord library's options share
    // ComfyBot:Discord, and the library binds its REST and interaction options from the sections below it.
    private static readonly Dictionary<string, Type[]> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [BotOptions.Section] = [typeof(BotOptions)],
        [DiscordSettings.Section] = [typeof(DiscordSettings), typeof(GatewayOptions)],
        [DiscordTransportServiceCollectionExtensions.RestSection] = [typeof(DiscordRestOptions)],
        [DiscordTransportServiceCollectionExtensions.InteractionsSection] = [typeof(HttpInteractionsOptions)],
    };

    /// <summary>What is wrong with the keys and values of section <c>ComfyBot</c>.</summary>
    public static SettingsKeyProblems Find(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new SettingsKeyProblems();
        CheckSection(configuration.GetSection(BotOptions.Section), Sections[BotOptions.Section], problems);
        return problems;
    }

    private static void CheckSection(IConfigurationSection section, Type[] types, SettingsKeyProblems problems)
    {
        var properties = types.SelectMany(Bindable).ToList();
        foreach (var child in section.GetChildren())
        {
            if (Sections.TryGetValue(child.Path, out var sectionTypes) && !properties.Any(p => Named(p, child.Key)))
            {
                CheckSection(child, sectionTypes, problems);
                continue;
            }

            var property = properties.FirstOrDefault(p => Named(p, child.Key));
            if (property is null)
            {
                var known = properties.Select(p => p.Name)
                    .Concat(Sections.Keys.Where(k => IsChildOf(k, section.Path)).Select(k => k[(section.Path.Length + 1)..]))
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                problems.Unknown.Add(UnknownKey(child, known));
                continue;
            }

            if (Sections.TryGetValue(child.Path, out var extra))
            {
                CheckSection(child, [property.PropertyType, .. extra], problems);
                continue;
            }

            CheckValue(child, property.PropertyType, property.Name, problems);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, string name, SettingsKeyProblems problems)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(target))
        {
            if (section.GetChildren().Any())
            {
                problems.WrongValues.Add($"{section.Path} is a section, but it takes a single value ({Describe(target, name)}); write it as \"{section.Key}\": value.");
                return;
            }

            CheckScalar(section, target, name, problems);
            return;
        }

        if (DictionaryValueType(target) is { } valueType)
        {
            foreach (var entry in section.GetChildren())
            {
                CheckValue(entry, valueType, name, problems);
            }

            return;
        }

        if (ListElementType(target) is { } elementType)
        {
            if (section.Value is { Length: > 0 } single && !section.GetChildren().Any())
            {
                problems.WrongValues.Add($"{section.Path} is '{single}', but it takes a list; write it as \"{section.Key}\": [ {single} ].");
                return;
            }

            foreach (var element in section.GetChildren())
            {
                if (!int.TryParse(element.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.WrongValues.Add($"{element.Path} is not a list position; {section.Path} is a list, so write it as [ ... ] (or use keys 0, 1, 2 in environment variables).");
                    continue;
                }

                CheckValue(element, elementType, name, problems);
            }

            return;
        }

        if (section.Value is { Length: > 0 } value && !section.GetChildren().Any())
        {
            problems.WrongValues.Add($"{section.Path} is '{value}', but it is a section of settings ({string.Join(", ", Bindable(target).Select(p => p.Name))}); write it as {{ ... }}.");
            return;
        }

        CheckSection(section, [target], problems);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The options classes are in the four ComfyBot assemblies, which ComfyBot.csproj roots (TrimmerRootAssembly), so a trimmed or Native AOT build keeps their properties, enums and interfaces; the scalar converters are the framework's intrinsic ones.")]
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "The options classes are in the four ComfyBot assemblies, which ComfyBot.csproj roots (TrimmerRootAssembly), so a trimmed or Native AOT build keeps their properties, enums and interfaces; the scalar converters are the framework's intrinsic ones.")]
    private static void CheckScalar(IConfigurationSection section, Type type, string name, SettingsKeyProblems problems)
    {
        var value = section.Value;
        if (value is null || (value.Length == 0 && (type == typeof(string) || Nullable.GetUnderlyingType(type) is not null)))
        {
            // Empty is a value for text, and "not set" for an optional one; for anything else the binder throws.
            return;
        }

        if (value.Length == 0)
        {
            problems.WrongValues.Add($"{section.Path} is empty, which is not {Describe(type, name)}; give it a value, or remove the key to keep the default.");
            return;
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            if (type.IsEnum && !Enum.IsDefined(type, Enum.Parse(type, value, ignoreCase: true)) && type.GetCustomAttribute<FlagsAttribute>() is null)
            {
                throw new FormatException();
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException || e.InnerException is FormatException or OverflowException)
        {
            problems.WrongValues.Add($"{section.Path} is '{value}', which is not {Describe(type, name)}.");
        }
    }

    private static string Describe(Type type, string name) => type switch
    {
        _ when type == typeof(ulong) && (name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal)) =>
            "a Discord id: a snowflake of digits only, such as 234567890123456789 (Discord's Developer Mode, then right-click, Copy ID)",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(ulong) => "a whole number; write digits, such as 2",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number; write it with a '.' for decimals, such as 1.5",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a duration; write it as hh:mm:ss, such as 00:00:30, or d.hh:mm:ss for days",
        _ when type == typeof(Uri) => "a URL, such as http://127.0.0.1:8188/",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ => $"a {type.Name}",
    };

    private static string UnknownKey(IConfigurationSection child, IReadOnlyList<string> known)
    {
        var guess = known
            .Select(k => (Name: k, Limit: Math.Max(2, k.Length / 3)))
            .Select(c => (c.Name, Distance: EditDistance.Between(c.Name, child.Key, c.Limit), c.Limit))
            .Where(c => c.Distance <= c.Limit)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
        var parent = child.Path[..^(child.Key.Length + 1)];
        return guess is not null
            ? $"{child.Path} is not a setting; did you mean {parent}:{guess}? Rename the key (its value is ignored until then)."
            : $"{child.Path} is not a setting; {parent} takes {string.Join(", ", known)}. Remove the key or fix its name.";
    }

    /// <summary>The properties the binder writes: settable ones, and read-only ones it fills in place (sections, lists).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The options classes are in the four ComfyBot assemblies, which ComfyBot.csproj roots (TrimmerRootAssembly), so a trimmed or Native AOT build keeps their properties, enums and interfaces; the scalar converters are the framework's intrinsic ones.")]
    private static IEnumerable<PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
            .Where(p => p.SetMethod is { IsPublic: true } || !IsScalar(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType));

    private static bool Named(PropertyInfo property, string key) =>
        string.Equals(property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name, key, StringComparison.OrdinalIgnoreCase);

    private static bool IsChildOf(string path, string parent) =>
        path.Length > parent.Length + 1 && path.StartsWith(parent + ":", StringComparison.OrdinalIgnoreCase) && path.IndexOf(':', parent.Length + 1) < 0;

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(Uri) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid);

    private static Type? DictionaryValueType(Type type) =>
        Interfaces(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?.GetGenericArguments()[1];

    private static Type? ListElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) ? Interfaces(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
        : null;

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The options classes are in the four ComfyBot assemblies, which ComfyBot.csproj roots (TrimmerRootAssembly), so a trimmed or Native AOT build keeps their properties, enums and interfaces; the scalar converters are the framework's intrinsic ones.")]
    private static Type[] Interfaces(Type type) => type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces();
}
