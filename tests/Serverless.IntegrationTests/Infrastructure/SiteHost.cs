using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Core.Configuration;
using Serverless.LocalServer.Endpoints;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// The site's routes on Kestrel, on a free local port, with a <see cref="TestSite"/>'s settings and storage: the shared
/// handlers behind real HTTP, as the local server maps them, for peers that must reach the site over the network.
/// </summary>
public sealed class SiteHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SiteHost(WebApplication app, Uri address)
    {
        _app = app;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    public static async Task<SiteHost> StartAsync(TestSite site)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddServerlessCore(new ConfigurationBuilder().AddInMemoryCollection(site.Settings).Build());
        builder.Services.AddRouting();
        var app = builder.Build();
        app.MapSiteEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return new SiteHost(app, address);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
