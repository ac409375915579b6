namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue 13: the bot registers /comfy-admin with the default_member_permissions its configuration names.</summary>
public sealed class AdminPermissionTests
{
    [Theory]
    [InlineData(null, "32")]
    [InlineData("ManageMessages", "8192")]
    [InlineData("Everyone", null)]
    public async Task Registration_ShowsComfyAdminByTheConfiguredPermission(string? setting, string? registered)
    {
        await using var bed = await ModerationSteps.StartAsync(o =>
        {
            if (setting is not null)
            {
                o.Configuration["ComfyBot:Discord:AdminCommandPermission"] = setting;
            }
        });

        await bed.Fake.WaitForAsync(_ => bed.Fake.GetCommands().Count > 0).WaitAsync(BotBed.HangGuard);
        var admin = bed.Fake.GetCommands().Single(c => c.GetProperty("name").GetString() == "comfy-admin");
        var imagine = bed.Fake.GetCommands().Single(c => c.GetProperty("name").GetString() == "imagine");
        Assert.Equal(registered, admin.TryGetProperty("default_member_permissions", out var bits) ? bits.GetString() : null);
        Assert.False(imagine.TryGetProperty("default_member_permissions", out var open) && open.ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Contains(admin.GetProperty("options").EnumerateArray(), o => o.GetProperty("name").GetString() == "filter" && o.GetProperty("type").GetInt32() == 2);
    }
}
