using System.Text;
using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Tests.Events;

public sealed class Utf8StringCacheTests
{
    [Fact]
    public void IdsThatDifferOnlyInTheMiddle_EachGetTheirOwnString()
    {
        // Same length, same first and last eight bytes: the same hash slot, so each lookup must compare the bytes.
        var cache = new Utf8StringCache(64);
        const string a = "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00";
        const string b = "a2c5015b-0000-4fe0-b80a-ae115fe0dc00";
        Assert.Equal(a, cache.Get(Encoding.UTF8.GetBytes(a)));
        Assert.Equal(b, cache.Get(Encoding.UTF8.GetBytes(b)));
        Assert.Equal(a, cache.Get(Encoding.UTF8.GetBytes(a)));
    }

    [Fact]
    public void ARepeatedId_IsTheSameInstance()
    {
        var cache = new Utf8StringCache(64);
        foreach (var id in new[] { "3", "10", "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00", "12345678" })
        {
            Assert.Same(cache.Get(Encoding.UTF8.GetBytes(id)), cache.Get(Encoding.UTF8.GetBytes(id)));
        }
    }
}
