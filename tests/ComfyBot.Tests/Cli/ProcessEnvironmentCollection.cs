namespace ComfyBot.Tests.Cli;

/// <summary>
/// Tests whose CLI verbs read the process environment (ComfyBot__*): one of them sets a variable, so they must not
/// run beside each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}
