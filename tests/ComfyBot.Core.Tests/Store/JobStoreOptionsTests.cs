using ComfyBot.Core.Store;

namespace ComfyBot.Core.Tests.Store;

/// <summary>
/// The store's settings are checked by plain code (a Native AOT build cannot rely on DataAnnotations' reflection): each
/// bad value is listed with its key, and the ends of each range are allowed, as the attributes allowed them.
/// </summary>
public sealed class JobStoreOptionsTests
{
    [Fact]
    public void Defaults_HaveNoProblem() => Assert.Empty(new JobStoreOptions().Validate());

    [Fact]
    public void TheEndsOfEachRange_AreAllowed()
    {
        Assert.Empty(new JobStoreOptions { BusyTimeout = TimeSpan.FromSeconds(1), KeepFinishedFor = TimeSpan.FromHours(1) }.Validate());
        Assert.Empty(new JobStoreOptions { BusyTimeout = TimeSpan.FromMinutes(10), KeepFinishedFor = TimeSpan.FromDays(3650) }.Validate());
    }

    [Fact]
    public void EveryBadValue_IsListedWithItsKey()
    {
        var problems = new JobStoreOptions { Path = " ", BusyTimeout = TimeSpan.FromMinutes(11), KeepFinishedFor = TimeSpan.FromMinutes(59) }.Validate();

        Assert.Equal(
            [
                "ComfyBot:Store:Path is empty: set it to the SQLite file the bot keeps its jobs in, e.g. data/comfybot.db.",
                "ComfyBot:Store:BusyTimeout must be between 00:00:01 and 00:10:00.",
                "ComfyBot:Store:KeepFinishedFor must be between 01:00:00 (an hour) and 3650.00:00:00 (ten years), e.g. 30.00:00:00.",
            ],
            problems);
    }

    [Fact]
    public void ATimeoutBelowASecond_IsAProblem() =>
        Assert.Equal(["ComfyBot:Store:BusyTimeout must be between 00:00:01 and 00:10:00."], new JobStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(999) }.Validate());
}
