using System.Net;
using System.Net.Sockets;
using ComfyBot.Hosting;
using Microsoft.Extensions.Configuration;

namespace ComfyBot.Tests.Hosting;

/// <summary>The listen URLs' ports are checked before anything starts, whatever form the URL's host has.</summary>
public sealed class ListenPortCheckTests
{
    [Theory]
    [InlineData("http://bot.example.org:{0}")]
    [InlineData("http://0.0.0.0:{0}")]
    [InlineData("http://+:{0}")]
    public void APortTakenOnEveryAddress_IsAProblem(string form)
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Any, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, port);

        var problem = Assert.Single(ListenPortCheck.Find(url, "ComfyBot:Http:ListenUrls"));

        // A host name used to be left to Kestrel, which then failed after the gateway had joined.
        Assert.Contains($"ComfyBot:Http:ListenUrls has '{url}', but port {port} on 0.0.0.0 cannot be used", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ATakenManagementPort_IsNamedAsAManagementUrl()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ComfyBot:Discord:Token"] = "a.b.c",
            ["ComfyBot:Backends:0:Name"] = "gpu-1",
            ["ComfyBot:Backends:0:Url"] = "http://127.0.0.1:8188/",
            ["ComfyBot:Http:ListenUrls"] = "http://127.0.0.1:0",
            ["ComfyBot:Http:ManagementUrls"] = $"http://127.0.0.1:{port}",
        }).Build();

        var error = Assert.Throws<BotConfigurationException>(() => BotHost.Build(settings));

        // The management URL's port was reported as one of ListenUrls, which the operator then searched in vain.
        Assert.Contains($"ComfyBot:Http:ManagementUrls has 'http://127.0.0.1:{port}', but port {port} on 127.0.0.1 cannot be used", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFreePortOrPortZero_IsFine()
    {
        Assert.Empty(ListenPortCheck.Find("http://bot.example.org:0;http://127.0.0.1:0", "ComfyBot:Http:ListenUrls"));
    }
}
