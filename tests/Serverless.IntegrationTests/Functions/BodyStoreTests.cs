using System.Text;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// A body is never changed once written (its name is its content's hash), so the latest written or read are answered
/// from memory: the render of news in its ingest's invocation, and the search document after the page, read none.
/// </summary>
public sealed class BodyStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_body_just_written_is_read_back_without_a_request()
    {
        await using var site = new TestSite(azurite);
        var bodies = site.Get<BodyStore>();
        var html = Encoding.UTF8.GetBytes("<p>Corps de l'article.</p>");
        await bodies.SaveAsync(BodyStore.BlobNameFor("corps", "0123456789abcdef"), html, Cancellation);

        site.Requests.Reset();
        var read = await bodies.ReadAsync(BodyStore.BlobNameFor("corps", "0123456789abcdef"), Cancellation);

        Assert.Equal(html, read);
        Assert.Equal(0, site.Requests.Total);
    }

    [Fact]
    public async Task A_body_written_by_another_instance_is_read_once()
    {
        await using var site = new TestSite(azurite);
        await using var other = new TestSite(azurite.ConnectionString, site.Settings);
        var html = Encoding.UTF8.GetBytes("<p>Écrit ailleurs.</p>");
        await other.Get<BodyStore>().SaveAsync(BodyStore.BlobNameFor("ailleurs", "0123456789abcdef"), html, Cancellation);
        var bodies = site.Get<BodyStore>();

        site.Requests.Reset();
        var first = await bodies.ReadAsync(BodyStore.BlobNameFor("ailleurs", "0123456789abcdef"), Cancellation);
        var second = await bodies.ReadAsync(BodyStore.BlobNameFor("ailleurs", "0123456789abcdef"), Cancellation);

        Assert.Equal(html, first);
        Assert.Equal(html, second);
        Assert.Equal(1, site.Requests.Total);
    }
}
