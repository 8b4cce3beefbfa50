using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Serverless.Core.ActivityPub;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// What one publish costs the fediverse stage: followers spread over many servers get the article's Create once per
/// server (shared inbox), from one fan-out reading the followers a page per 1,000. 10,000 followers over 500 servers
/// with <c>SERVERLESS_NEWSROOM_SCALE=1</c> (the figures in benchmarks/README.md); 200 over 20 by default. Request
/// counts are asserted; the time is only printed.
/// </summary>
public sealed class FederationAtScaleTests(AzuriteFixture azurite)
{
    private static readonly bool Newsroom = Environment.GetEnvironmentVariable("SERVERLESS_NEWSROOM_SCALE") == "1";
    private static readonly int Followers = Newsroom ? 10_000 : 200;
    private static readonly int Servers = Newsroom ? 500 : 20;

    [Fact]
    public async Task Publish_reaches_every_server_once_in_a_request_per_shared_inbox()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var inboxes = await TestReceiver.StartAsync();
        var keyFolder = Path.Combine(Path.GetTempPath(), "fedi-" + Guid.NewGuid().ToString("N"));
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["ActivityPub:PrivateKeyFile"] = Path.Combine(keyFolder, "actor.pem"), ["ActivityPub:AllowPrivateAddresses"] = "true" });
        try
        {
            var storage = site.Get<StorageClients>();
            await storage.EnsureCreatedAsync(cancellation);
            foreach (var chunk in Enumerable.Range(0, Followers).Chunk(100))
            {
                await storage.FollowersTable.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add, new FollowerEntity
                {
                    RowKey = Core.ActivityPub.Followers.RowOf(inboxes.Url($"server{i % Servers}/users/{i}")),
                    ActorId = inboxes.Url($"server{i % Servers}/users/{i}"),
                    Inbox = inboxes.Url($"server{i % Servers}/users/{i}/inbox"),
                    SharedInbox = inboxes.Url($"server{i % Servers}/inbox"),
                })), cancellation);
            }
            await site.TriggerIngestAsync(await site.UploadAsync("story.md",
                Samples.Article("A story", DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), extra: "slug: story")));
            site.Requests.Reset();
            var clock = Stopwatch.StartNew();

            await site.DrainRenderQueueAsync(concurrency: 16);

            clock.Stop();
            var posts = inboxes.Requests.Where(request => request.Method == "POST").ToList();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{Followers} followers on {Servers} servers: {posts.Count} deliveries, {site.Requests.Total} storage requests for the render and deliveries ({site.Requests.Breakdown}), {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Equal(Servers, posts.Count);
            Assert.Equal(Servers, posts.Select(post => post.PathAndQuery).Distinct().Count());
            Assert.All(posts, post => Assert.Contains("\"type\":\"Create\"", post.Body, StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(keyFolder))
            {
                Directory.Delete(keyFolder, recursive: true);
            }
        }
    }
}
