using System.Net;
using System.Net.Sockets;
using ComfyBot.Hosting;

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

        var problem = Assert.Single(ListenPortCheck.Find(url));

        // A host name used to be left to Kestrel, which then failed after the gateway had joined.
        Assert.Contains($"ComfyBot:Http:ListenUrls has '{url}', but port {port} on 0.0.0.0 cannot be used", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AFreePortOrPortZero_IsFine()
    {
        Assert.Empty(ListenPortCheck.Find("http://bot.example.org:0;http://127.0.0.1:0"));
    }
}
