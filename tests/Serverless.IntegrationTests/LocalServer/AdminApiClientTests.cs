using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Http;
using Serverless.LocalServer.Commands;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// How the commands report uploads and deletions to the server's webhook. A webhook that fails to process an event is
/// not a server that is gone: the reconciliation still processes the blob, as Event Grid's redelivery would on Azure.
/// </summary>
public sealed class AdminApiClientTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<WebApplication> StartWebhookAsync(int status)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/" + Routes.AdminBlobEvents, () => Results.StatusCode(status));
        await app.StartAsync(Cancellation);
        return app;
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    [Fact]
    public async Task A_webhook_that_fails_with_500_is_reported_as_not_processed_rather_than_thrown()
    {
        await using var webhook = await StartWebhookAsync(StatusCodes.Status500InternalServerError);
        using var client = new AdminApiClient(AddressOf(webhook), "key");

        var notProcessed = await client.ReportCreatedAsync(new Uri("http://127.0.0.1:10000/devstoreaccount1/articles/a.md"), Cancellation);

        Assert.Equal("500 Internal Server Error", notProcessed);
    }

    [Fact]
    public async Task A_webhook_that_accepts_the_event_is_reported_as_processed()
    {
        await using var webhook = await StartWebhookAsync(StatusCodes.Status200OK);
        using var client = new AdminApiClient(AddressOf(webhook), "key");

        Assert.Null(await client.ReportDeletedAsync(new Uri("http://127.0.0.1:10000/devstoreaccount1/articles/a.md"), Cancellation));
    }

    [Fact]
    public async Task A_webhook_that_refuses_the_key_still_throws()
    {
        await using var webhook = await StartWebhookAsync(StatusCodes.Status401Unauthorized);
        using var client = new AdminApiClient(AddressOf(webhook), "wrong");

        await Assert.ThrowsAsync<HttpRequestException>(() => client.ReportCreatedAsync(new Uri("http://127.0.0.1:10000/devstoreaccount1/articles/a.md"), Cancellation));
    }
}
