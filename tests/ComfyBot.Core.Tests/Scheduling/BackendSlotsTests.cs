using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Tests.Scheduling;

public sealed class BackendSlotsTests
{
    [Fact]
    public void Capacity_DefaultsToTwoPerBackend_AndReleaseFreesASlot()
    {
        var slots = new BackendSlots([new BackendCapacity("gpu0")]);

        Assert.True(slots.TryAcquire("gpu0"));
        Assert.True(slots.TryAcquire("gpu0"));
        Assert.False(slots.TryAcquire("gpu0"));
        Assert.Null(slots.TryAcquireFor(_ => true));

        slots.Release("gpu0");
        Assert.Equal(new BackendLoad("gpu0", 1, 2), slots.Snapshot().Single());
        Assert.Equal(1, slots.Snapshot().Single().Free);
        Assert.True(slots.TryAcquire("gpu0"));
    }

    [Fact]
    public void PickFor_LeastLoadedFirst_ThenHighestWeight_ThenConfigurationOrder()
    {
        var slots = new BackendSlots([new BackendCapacity("a", 3), new BackendCapacity("b", 3, Weight: 2), new BackendCapacity("c", 3, Weight: 2)]);

        Assert.Equal("b", slots.PickFor(_ => true));
        Assert.Equal("b", slots.TryAcquireFor(_ => true));
        Assert.Equal("c", slots.TryAcquireFor(_ => true));
        Assert.Equal("a", slots.TryAcquireFor(_ => true));
        Assert.Equal("b", slots.TryAcquireFor(_ => true));
        Assert.Equal([1, 2, 1], slots.Snapshot().Select(l => l.InFlight));
    }

    [Fact]
    public void PickFor_OnlyAmongBackendsThePredicateAccepts()
    {
        var slots = new BackendSlots([new BackendCapacity("small", 1), new BackendCapacity("big", 1)]);

        Assert.Equal("big", slots.TryAcquireFor(b => b == "big"));
        Assert.Null(slots.TryAcquireFor(b => b == "big"));
        Assert.Equal("small", slots.PickFor(_ => true));
    }

    [Fact]
    public void Release_WithoutAcquire_IsABug()
    {
        var slots = new BackendSlots([new BackendCapacity("gpu0")]);

        var error = Assert.Throws<InvalidOperationException>(() => slots.Release("gpu0"));

        Assert.Contains("gpu0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownBackend_NamesTheConfiguredOnes()
    {
        var slots = new BackendSlots([new BackendCapacity("gpu0"), new BackendCapacity("gpu1")]);

        var error = Assert.Throws<ArgumentException>(() => slots.TryAcquire("gpu9"));

        Assert.Contains("'gpu9'", error.Message, StringComparison.Ordinal);
        Assert.Contains("gpu0, gpu1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 2, 1, "empty Name")]
    [InlineData("g", 0, 1, "MaxInFlight 0")]
    [InlineData("g", 2, 0, "Weight 0")]
    public void BadConfiguration_SaysWhatToFix(string name, int maxInFlight, double weight, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new BackendSlots([new BackendCapacity(name, maxInFlight, weight)]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateName_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new BackendSlots([new BackendCapacity("g"), new BackendCapacity("g")]));

        Assert.Contains("configured twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentAcquireAndRelease_NeverExceedsCapacity()
    {
        var slots = new BackendSlots([new BackendCapacity("a", 2), new BackendCapacity("b", 3)]);
        var peak = new int[2];
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                if (slots.TryAcquireFor(_ => true) is { } backend)
                {
                    var load = slots.Snapshot();
                    RaiseTo(ref peak[0], load[0].InFlight);
                    RaiseTo(ref peak[1], load[1].InFlight);
                    slots.Release(backend);
                }
            }
        }));

        await Task.WhenAll(workers);

        Assert.InRange(peak[0], 1, 2);
        Assert.InRange(peak[1], 0, 3);
        Assert.All(slots.Snapshot(), l => Assert.Equal(0, l.InFlight));
    }

    private static void RaiseTo(ref int peak, int value)
    {
        var seen = Volatile.Read(ref peak);
        while (value > seen && Interlocked.CompareExchange(ref peak, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }
}
