using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP server on a free local port (Kestrel) standing for a search engine's endpoint, a WebSub hub or a fediverse
/// server (its actors' documents, its inboxes): it records every request but the documents' GETs and answers each with the next status of <see cref="Statuses"/> (200 once they run out).
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The statuses to answer, in order; 200 once empty.</summary>
    public ConcurrentQueue<int> Statuses { get; } = new();

    /// <summary>Documents answered to a GET of their path (an actor's), as ActivityStreams JSON; such GETs are not recorded.</summary>
    public ConcurrentDictionary<string, string> Documents { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    public static async Task<TestReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new TestReceiver(app);
        app.Run(async context =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && receiver.Documents.TryGetValue(context.Request.Path, out var document))
            {
                context.Response.ContentType = "application/activity+json";
                await context.Response.WriteAsync(document, context.RequestAborted);
                return;
            }
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            receiver.Requests.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.ContentType,
                context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString()), body));
            context.Response.StatusCode = receiver.Statuses.TryDequeue(out var status) ? status : StatusCodes.Status200OK;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
