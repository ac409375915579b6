using ComfyBot.Testing;

namespace ComfyBot.Simulator.Tests;

public sealed class FixturesTests
{
    [Fact]
    public void RepositoryRoot_IsFound() => Assert.True(File.Exists(Path.Combine(RepositoryFixtures.RootDirectory, "ComfyBot.sln")));
}
