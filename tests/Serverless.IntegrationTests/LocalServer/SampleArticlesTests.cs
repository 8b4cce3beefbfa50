using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>The sample articles go only into an empty container: a site an author has changed stays as they left it.</summary>
public sealed class SampleArticlesTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sample_an_author_deleted_stays_deleted_after_a_restart_on_the_same_storage()
    {
        IReadOnlyDictionary<string, string?> storage;
        await using (var first = await RunningLocalServer.StartAsync(azurite.ConnectionString))
        {
            Assert.True(await first.Articles.GetBlobClient(Samples.SonyBlobName).ExistsAsync(Cancellation));
            await first.Articles.GetBlobClient(Samples.SonyBlobName).DeleteAsync(cancellationToken: Cancellation);
            storage = first.Settings;
        }

        // The same storage again, as with --data: the container is not empty, so no sample comes back.
        await using var second = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with { Configuration = storage });

        Assert.False(await second.Articles.GetBlobClient(Samples.SonyBlobName).ExistsAsync(Cancellation));
        Assert.True(await second.Articles.GetBlobClient("welcome-to-serverless.md").ExistsAsync(Cancellation));
    }
}
