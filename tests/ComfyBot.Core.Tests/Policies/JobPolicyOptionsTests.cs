using ComfyBot.Core.Policies;

namespace ComfyBot.Core.Tests.Policies;

public sealed class JobPolicyOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new JobPolicyOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(3, options.MaxQueuedPerMember);
        Assert.Equal(TimeSpan.Zero, options.Cooldown);
    }

    [Fact]
    public void EveryProblem_NamesTheKeyAndTheFix()
    {
        var options = new JobPolicyOptions
        {
            MaxQueuedPerMember = 0,
            Cooldown = TimeSpan.FromSeconds(-1),
            Everyone = new RoleRule { MaxSteps = 0 },
            Roles =
            [
                new RoleRule { RoleId = 5, Weight = 0 },
                new RoleRule { MaxSteps = 10 },
                new RoleRule { RoleId = 5, MaxBatch = -2 },
            ],
        };

        var errors = options.Validate();

        Assert.Equal(
            [
                "ComfyBot:Policy:MaxQueuedPerMember is 0; use 1 or more (default 3).",
                "ComfyBot:Policy:Cooldown is -00:00:01; use 00:00:00 (none) or a positive time such as 00:00:30.",
                "ComfyBot:Policy:Everyone:MaxSteps is 0; use 1 or more, or remove the key for no limit.",
                "ComfyBot:Policy:Roles:0:Weight is 0; use a number above 0 such as 1 or 2.",
                "ComfyBot:Policy:Roles:1:RoleId is missing; set it to the Discord role's id (right-click the role, Copy Role ID).",
                "ComfyBot:Policy:Roles:2:RoleId 5 appears in more than one rule; merge them into one.",
                "ComfyBot:Policy:Roles:2:MaxBatch is -2; use 1 or more, or remove the key for no limit.",
            ],
            errors);
    }
}
