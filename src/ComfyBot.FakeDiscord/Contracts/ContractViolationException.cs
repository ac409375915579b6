namespace ComfyBot.FakeDiscord.Contracts;

/// <summary>Thrown by <see cref="FakeDiscordServer.AssertNoContractViolations"/>: some request broke Discord's contract.</summary>
public sealed class ContractViolationException : Exception
{
    /// <summary>Lists the violations in the message.</summary>
    public ContractViolationException(IReadOnlyList<ContractViolation> violations)
        : base($"{violations.Count} contract violation(s) against Discord's openapi.json:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", violations))
    {
        Violations = violations;
    }

    /// <summary>Creates one without violations.</summary>
    public ContractViolationException()
        : this([])
    {
    }

    /// <summary>Creates one with a message.</summary>
    public ContractViolationException(string message)
        : base(message)
    {
        Violations = [];
    }

    /// <summary>Creates one with a message and cause.</summary>
    public ContractViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violations = [];
    }

    /// <summary>The violations.</summary>
    public IReadOnlyList<ContractViolation> Violations { get; }
}
