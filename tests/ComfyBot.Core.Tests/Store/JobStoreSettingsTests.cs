using ComfyBot.Core.Store;

namespace ComfyBot.Core.Tests.Store;

/// <summary>Members' /settings defaults in the store: one row per member, every field kept as set, empty removes it.</summary>
public sealed class JobStoreSettingsTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task Settings_RoundTrip_PerMember_AndSurviveAReopen()
    {
        var full = new MemberSettings { Workflow = "sdxl", Negative = "blur, \"text\"", AspectRatio = "16:9", Steps = 28, Private = false, Grid = GridLayout.GridOnly };
        using (var store = await _folder.OpenAsync())
        {
            Assert.Equal(MemberSettings.None, await store.Tables().Settings.GetSettingsAsync(ulong.MaxValue));
            await store.Tables().Settings.SaveSettingsAsync(ulong.MaxValue, full);
            await store.Tables().Settings.SaveSettingsAsync(7, new MemberSettings { Steps = 3 });
        }

        using var reopened = await _folder.OpenAsync();
        Assert.Equal(full, await reopened.Tables().Settings.GetSettingsAsync(ulong.MaxValue));
        Assert.Equal(new MemberSettings { Steps = 3 }, await reopened.Tables().Settings.GetSettingsAsync(7));
    }

    [Fact]
    public async Task Saving_EmptySettings_ForgetsTheMember()
    {
        using var store = await _folder.OpenAsync();
        await store.Tables().Settings.SaveSettingsAsync(7, new MemberSettings { Private = true });

        await store.Tables().Settings.SaveSettingsAsync(7, MemberSettings.None);

        Assert.True((await store.Tables().Settings.GetSettingsAsync(7)).IsEmpty);
    }

    public void Dispose() => _folder.Dispose();
}
