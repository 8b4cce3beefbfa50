using System.Text;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Configuration;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.Functions.Triggers;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Azurite;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// A crash between any two storage requests of stage 1 or stage 2, then the redelivery the Functions host makes (the
/// blob trigger runs again, an unfinished render message becomes visible again), ends in the very state a run
/// without the crash reaches: every page, API answer, listing, feed and sitemap (the news sitemap too) the same, every
/// changed URL submitted to IndexNow, and the site's follower on the fediverse sent the same activities (the delivery
/// stage crashed too). Deliveries are at least once: a crash between a delivery's POST and the deletion of its message
/// sends it again under the same activity id, which receivers take once (as Mastodon does), so the follower's
/// activities are compared by id.
/// </summary>
/// <remarks>
/// Hundreds of publishes: it runs an Azurite of its own, so that the other tests' storage does not queue behind it.
/// </remarks>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    /// <summary>The IndexNow endpoint every lane submits to: the IndexNow stage runs, and is crashed, with the others.</summary>
    private TestReceiver? _indexNow;

    /// <summary>The inboxes of each lane's one follower: the delivery stage runs, and is crashed, with the others.</summary>
    private TestReceiver? _fediverse;

    /// <summary>The actor's key, made once for every lane (each site would otherwise make it on first start, all at once).</summary>
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), "fedi2-crash-" + Guid.NewGuid().ToString("N") + ".pem");

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions(), NullLogger.Instance, TestContext.Current.CancellationToken);
        _indexNow = await TestReceiver.StartAsync();
        _fediverse = await TestReceiver.StartAsync();
        using var key = System.Security.Cryptography.RSA.Create(2048);
        await File.WriteAllTextAsync(_keyFile, key.ExportPkcs8PrivateKeyPem(), Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        if (_indexNow is not null)
        {
            await _indexNow.DisposeAsync();
        }
        if (_fediverse is not null)
        {
            await _fediverse.DisposeAsync();
        }
        File.Delete(_keyFile);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// The changing article's date: an hour ago, so that it is news, which the site's followers are told of (Create,
    /// Update, Delete) and the news sitemap lists.
    /// </summary>
    private static readonly DateTimeOffset Fresh = DateTimeOffset.UtcNow.AddHours(-1);

    private static readonly string FreshDate = Fresh.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string Port = $$"""
        ---
        title: "Le port de Brest rouvre"
        slug: le-port-de-brest-rouvre
        date: {{FreshDate}}
        tags: [ports, bretagne]
        lang: fr
        ---
        Après trois mois de travaux, le port de commerce de Brest rouvre ses quais aux cargos et aux ferries.
        """;

    /// <summary>The change under test: a new title and slug, so the article moves and every page linking to it follows.</summary>
    private static readonly string PortRenamed = $$"""
        ---
        title: "Le port de Brest rouvre ses quais"
        slug: le-port-de-brest-rouvre-ses-quais
        date: {{FreshDate}}
        tags: [ports, bretagne]
        lang: fr
        ---
        Après trois mois de travaux, le port de commerce de Brest rouvre ses quais aux cargos, aux ferries et aux voiliers.
        """;

    private const string Quay = """
        ---
        title: "Les dockers de Brest reprennent le travail"
        date: 2025-03-03T08:00:00+01:00
        tags: [ports]
        lang: fr
        related: [le-port-de-brest-rouvre]
        ---
        Les dockers du port de commerce de Brest reprennent le travail sur les quais rouverts aux cargos.
        """;

    private const string Market = """
        ---
        title: "Le marché de Quimper s'agrandit"
        date: 2025-03-01T08:00:00+01:00
        tags: [bretagne]
        lang: fr
        ---
        Le marché couvert de Quimper accueille vingt nouveaux étals de producteurs bretons.
        """;

    private static readonly string[] Paths =
    [
        "/articles/le-port-de-brest-rouvre", "/articles/le-port-de-brest-rouvre-ses-quais",
        "/articles/les-dockers-de-brest-reprennent-le-travail", "/articles/le-marche-de-quimper-sagrandit",
        "/api/articles/le-port-de-brest-rouvre", "/api/articles/le-port-de-brest-rouvre-ses-quais",
        "/api/articles/les-dockers-de-brest-reprennent-le-travail", "/api/share/le-port-de-brest-rouvre-ses-quais",
        "/api/articles", "/feed.xml", "/atom.xml", "/sitemap.xml", "/sitemaps/2025-03.xml", "/sitemaps/" + Fresh.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) + ".xml", "/news-sitemap.xml", "/tags/ports", "/tags/bretagne",
        "/tags/ports/feed.xml", "/tags/bretagne/feed.xml",
        "/og/le-port-de-brest-rouvre.png", "/og/le-port-de-brest-rouvre-ses-quais.png", "/og/les-dockers-de-brest-reprennent-le-travail.png",
    ];

    /// <summary>
    /// Sites crashed in parallel, each on its share of the crash points. Most of a crash's time is spent waiting for the
    /// messages a crashed receive took to become visible again, not computing: eight lanes cost about an eighth as long
    /// (eight since the delivery stage joined, its requests adding a fifth to the positions crashed).
    /// </summary>
    private const int Lanes = 8;

    [Fact]
    public async Task A_crash_between_storage_requests_of_a_publish_converges_on_the_state_without_the_crash()
    {
        // Sites whose article changes title back and forth: each change moves the slug, the citing page follows.
        var lanes = await Task.WhenAll(Enumerable.Range(0, Lanes).Select(NewSiteAsync));

        // The reference: the changes with no crash, the state each one ends in, and the requests each makes. From the
        // second change on, the states repeat: renamed, then back, then renamed again.
        var (_, _, renamedFirst) = await ChangeAsync(lanes[0], PortRenamed, crashAfter: null);
        var (toOriginal, _, original) = await ChangeAsync(lanes[0], Port, crashAfter: null);
        var (toRenamed, _, renamed) = await ChangeAsync(lanes[0], PortRenamed, crashAfter: null);
        var unrepeated = renamed.Where(entry => renamedFirst.GetValueOrDefault(entry.Key) != entry.Value).Select(entry => $"{entry.Key}: {Difference(renamedFirst.GetValueOrDefault(entry.Key) ?? "", entry.Value)}").ToList();
        Assert.True(unrepeated.Count == 0, "The second rename's state differs from the first's:\n" + string.Join("\n", unrepeated));
        Assert.Contains("/articles/le-port-de-brest-rouvre-ses-quais", renamed["/articles/les-dockers-de-brest-reprennent-le-travail"], StringComparison.Ordinal);
        Assert.Contains("/articles/le-port-de-brest-rouvre\"", original["/articles/les-dockers-de-brest-reprennent-le-travail"], StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine($"The changes make {toOriginal} and {toRenamed} storage requests.");
        foreach (var lane in lanes[1..])
        {
            await ChangeAsync(lane, PortRenamed, crashAfter: null);
        }

        // Then the same changes, each interrupted after one more request than the last, each followed by redelivery.
        // The two changes are mirror images (a slug moving one way, then back). By default the lanes share every fourth
        // request position (1, 5, 9…), and the direction alternates, so that each is crashed once, in one direction or
        // the other, a quarter of each stage's positions: CI stays within its 30 minutes.
        // SERVERLESS_CRASH_EVERY_REQUEST=1 crashes every position in both directions (eight times as long).
        var everyRequest = Environment.GetEnvironmentVariable("SERVERLESS_CRASH_EVERY_REQUEST") == "1";
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var crashes = 0;
        var differences = await Task.WhenAll(lanes.Select(async (lane, index) =>
        {
            var found = new List<string>();
            var step = everyRequest ? Lanes : Lanes * 4;
            for (var crashAfter = 1 + index * (step / Lanes); crashAfter < Math.Max(toOriginal, toRenamed); crashAfter += step)
            {
                foreach (var (content, requests, expected, parity) in new[] { (Port, toOriginal, original, 0), (PortRenamed, toRenamed, renamed, 1) })
                {
                    if (crashAfter >= requests || !everyRequest && (crashAfter - 1) / step % 2 != parity)
                    {
                        // Nothing to interrupt here: the change only brings the site along to the next one.
                        await ChangeAsync(lane, content, crashAfter: null, readState: false);
                        continue;
                    }
                    Interlocked.Increment(ref crashes);
                    var (_, after, state) = await ChangeAsync(lane, content, crashAfter);
                    found.AddRange(expected.Where(entry => state[entry.Key] != entry.Value).Select(entry =>
                        $"crash after request {crashAfter} of {requests} ({after}): {entry.Key} differs: {Difference(entry.Value, state[entry.Key])}"));
                }
            }
            return found;
        }));
        TestContext.Current.TestOutputHelper?.WriteLine($"{crashes} crashes in {stopwatch.Elapsed.TotalSeconds:0} s.");
        var all = differences.SelectMany(found => found).ToList();
        Assert.True(all.Count == 0, $"{all.Count} differences:\n" + string.Join("\n", all.Take(4)));
    }

    /// <summary>Storage of its own with the three articles published: the article, a page citing it by slug, and another.</summary>
    private async Task<Dictionary<string, string?>> NewSiteAsync(int lane)
    {
        var settings = TestSite.StorageSettings(_azurite!.ConnectionString);
        settings["Site:ServerCacheSeconds"] = "0";
        settings["Discovery:IndexNowKey"] = "crash-recovery-key";
        settings["Discovery:IndexNowEndpoint"] = _indexNow!.Url("indexnow");
        settings["ActivityPub:PrivateKeyFile"] = _keyFile;
        settings["ActivityPub:AllowPrivateAddresses"] = "true";
        settings[FollowerInboxSetting] = _fediverse!.Url($"lane{lane}/inbox");
        await using var setup = new TestSite(_azurite.ConnectionString, settings);
        var follower = _fediverse.Url($"lane{lane}/actor");
        await setup.Get<Core.ActivityPub.Followers>().AddAsync(
            new Core.ActivityPub.RemoteActor(follower, settings[FollowerInboxSetting]!, settings[FollowerInboxSetting]!, follower + "#main-key", "unused"), Cancellation);
        await setup.PublishAsync("port.md", Port);
        await setup.PublishAsync("quai.md", Quay);
        await setup.PublishAsync("marche.md", Market);
        return settings;
    }

    /// <summary>
    /// Uploads a new version of the article, then runs both stages as the host does, in a process of its own that dies
    /// after <paramref name="crashAfter"/> storage requests if set; then the restarted process gets the redeliveries.
    /// Returns the storage requests of the first run, the request it crashed after, and the public state at the end.
    /// </summary>
    private async Task<(int Requests, string? CrashedAfter, Dictionary<string, string> State)> ChangeAsync(Dictionary<string, string?> settings, string content, int? crashAfter, bool readState = true)
    {
        var inbox = new Uri(settings[FollowerInboxSetting]!).AbsolutePath;
        var deliveredBefore = _fediverse!.Requests.Count(request => request.PathAndQuery == inbox);
        var connectionString = settings[StorageOptions.ConnectionSettingName]!;
        var crash = new InjectedCrash();
        List<Delivery> inFlight = [];
        int requests;
        await using (var process = new TestSite(connectionString, settings, fault: crash))
        {
            var blob = process.Articles.GetBlobClient("port.md");
            await blob.UploadAsync(BinaryData.FromString(content), overwrite: true, Cancellation);
            process.Requests.Reset();
            if (crashAfter is { } count)
            {
                crash.Arm(count);
            }
            try
            {
                await process.TriggerIngestAsync(blob);
                await DrainAsync(process, inFlight);
            }
            catch (Exception exception) when (crash.Crashed && IsCrash(exception))
            {
            }
            requests = process.Requests.Total;
            // A run's requests vary by a few with timing (a fan-out's delayed renders may come before the drain ends or
            // after the restart): a crash set past the end of this run had nothing to interrupt, any other must happen.
            if (crashAfter is { } position && !crash.Crashed)
            {
                Assert.True(position >= requests, $"No crash after request {position}, in a run of {requests} requests.");
            }
        }
        // The restarted process: new memory, the same storage.
        await using var restarted = new TestSite(connectionString, settings);
        await RedeliverAsync(restarted, inFlight);
        if (!readState)
        {
            return (requests, crash.After, []);
        }
        var state = await StateAsync(restarted);
        state["fediverse deliveries"] = Activities(_fediverse.Requests.Where(request => request.PathAndQuery == inbox).Skip(deliveredBefore));
        return (requests, crash.After, state);
    }

    /// <summary>A test-only setting: where the lane's follower takes deliveries.</summary>
    private const string FollowerInboxSetting = "CrashRecoveryTests:FollowerInbox";

    /// <summary>
    /// The activities a follower took, each id once as a receiver takes it: type, and what it says of the article. The
    /// id's version (a hash of the record, whose source date differs from run to run) is left out, but two ids for one
    /// change would show as two lines.
    /// </summary>
    private static string Activities(IEnumerable<ReceivedRequest> deliveries) => string.Join("\n", deliveries
        .Select(delivery => System.Text.Json.JsonDocument.Parse(delivery.Body).RootElement)
        .DistinctBy(activity => activity.GetProperty("id").GetString())
        .Select(activity => activity.GetProperty("object") is var article
            ? $"{activity.GetProperty("type").GetString()} {article.GetProperty("id").GetString()} {article.GetProperty("type").GetString()} "
              + (article.TryGetProperty("name", out var name) ? name.GetString() : "") + " "
              + (article.TryGetProperty("content", out var text) ? Core.ActivityPub.ActivityDocuments.Hash(text.GetString()!) : "")
            : "")
        .Order(StringComparer.Ordinal));

    /// <summary>Where two answers part: a few lines of each from the first character that differs.</summary>
    private static string Difference(string expected, string actual)
    {
        var at = expected.AsSpan().CommonPrefixLength(actual);
        var from = Math.Max(0, expected.LastIndexOf('\n', Math.Max(0, at - 1)));
        string Excerpt(string text) => text[Math.Min(from, text.Length)..Math.Min(text.Length, at + 400)];
        return $"\n  expected …{Excerpt(expected)}\n  actual   …{Excerpt(actual)}";
    }

    private static bool IsCrash(Exception exception) =>
        exception is InjectedCrashException || exception.InnerException is { } inner && IsCrash(inner)
        || exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsCrash);

    /// <summary>A message received from one of the stages' queues and not yet deleted.</summary>
    private sealed record Delivery(string Queue, QueueMessage Message);

    /// <summary>
    /// What the host does after the crash: the blob trigger runs again (its receipt was never written), and each message
    /// received but not deleted becomes visible again once its visibility timeout ends, here at once.
    /// </summary>
    private static async Task RedeliverAsync(TestSite site, List<Delivery> inFlight)
    {
        var storage = site.Get<StorageClients>();
        foreach (var (queueName, message) in inFlight)
        {
            try
            {
                var queue = new[] { storage.SiteQueue, storage.DeliveryQueue }.FirstOrDefault(candidate => candidate.Name == queueName) ?? storage.RenderQueue;
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: Cancellation);
            }
            catch (Azure.RequestFailedException exception) when (exception.Status == 404)
            {
                // The crash came right after the message was deleted: nothing is delivered again.
            }
        }
        await site.TriggerIngestAsync(site.Articles.GetBlobClient("port.md"));
        // Messages received by a receive that crashed before it answered are invisible until their timeout ends.
        while ((await storage.RenderQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount > 0
               || (await storage.SiteQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount > 0
               || (await storage.DeliveryQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount > 0)
        {
            if (!await DrainAsync(site, []))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), Cancellation);
            }
        }
    }

    /// <summary>Renders, then rebuilds site files, then delivers to the fediverse, until no message of the three queues is visible; returns whether any was.</summary>
    private static async Task<bool> DrainAsync(TestSite site, List<Delivery> inFlight)
    {
        var storage = site.Get<StorageClients>();
        var renders = new RenderArticleFunction(site.Get<RenderMessageHandler>());
        var siteFiles = new RebuildSiteFileFunction(site.Get<Core.Site.SiteFileMessageHandler>());
        var fediverse = new DeliverActivityFunction(site.Get<Core.ActivityPub.DeliveryMessageHandler>());
        var any = false;
        while (true)
        {
            QueueMessage[] messages = [];
            var queue = storage.RenderQueue;
            foreach (var candidate in new[] { storage.RenderQueue, storage.SiteQueue, storage.DeliveryQueue })
            {
                queue = candidate;
                messages = (await queue.ReceiveMessagesAsync(maxMessages: 16, visibilityTimeout: VisibilityTimeout, Cancellation)).Value;
                if (messages.Length > 0)
                {
                    break;
                }
            }
            if (messages.Length == 0)
            {
                return any;
            }
            any = true;
            var deliveries = messages.Select(message => new Delivery(queue.Name, message)).ToList();
            inFlight.AddRange(deliveries);
            foreach (var delivery in deliveries)
            {
                if (queue == storage.SiteQueue)
                {
                    await siteFiles.RebuildSiteFile(delivery.Message, Cancellation);
                }
                else if (queue == storage.DeliveryQueue)
                {
                    await fediverse.DeliverActivity(delivery.Message, Cancellation);
                }
                else
                {
                    await renders.RenderArticle(delivery.Message, Cancellation);
                }
                await queue.DeleteMessageAsync(delivery.Message.MessageId, delivery.Message.PopReceipt, Cancellation);
                inFlight.Remove(delivery);
            }
        }
    }

    /// <summary>Long enough for a render under load, short enough that a message lost with a crashed receive comes back soon.</summary>
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Every public answer the change touches, with the instants that depend on when the test ran blanked out.</summary>
    private static async Task<Dictionary<string, string>> StateAsync(TestSite site)
    {
        var state = await PublicAnswers.ReadAsync(site, Paths, Cancellation);
        // The URLs recorded for IndexNow and not yet submitted: none, once every message is handled.
        var pending = new StringBuilder();
        await foreach (var row in site.Get<StorageClients>().SiteFilesTable.QueryAsync<Core.Discovery.IndexNowEntity>(
            Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {Core.Discovery.IndexNowEntity.Partition}"), cancellationToken: Cancellation))
        {
            pending.Append(row.RowKey).Append('\n');
        }
        state["indexnow pending"] = pending.ToString();
        // The document frequencies, which only later publishes read (to weigh their keywords): each article counted once.
        state["keywords df"] = await DocumentFrequenciesAsync(site);
        // Search, as a fresh instance answers it from the stored index and changes: which articles each query finds,
        // with their snippets (scores aside: BM25's statistics count a replaced document until its segment is merged).
        foreach (var query in (string[])["brest", "quais+voiliers", "quimper"])
        {
            var (_, json) = await SearchTests.ApiAsync(site, "q=" + query + "&top=50");
            state["search " + query] = string.Join("\n", json.GetProperty("items").EnumerateArray()
                .Select(item => item.GetProperty("slug").GetString() + ": " + item.GetProperty("snippet").GetString()).Order(StringComparer.Ordinal));
        }
        return state;
    }

    /// <summary>Every row of the document frequencies and of the pending counts, as text: terms, corpus, what each article's counts stand for.</summary>
    private static async Task<string> DocumentFrequenciesAsync(TestSite site)
    {
        var rows = new StringBuilder();
        foreach (var partition in TableKeys.PendingCountsPartitions.Prepend(TableKeys.TermCountPartition))
        {
            await foreach (var row in site.Get<StorageClients>().KeywordsTable.QueryAsync<Azure.Data.Tables.TableEntity>(
                Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: Cancellation))
            {
                rows.Append(partition).Append(' ').Append(row.RowKey).Append(':');
                foreach (var property in row.Keys.Where(key => key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order(StringComparer.Ordinal))
                {
                    rows.Append(' ').Append(property).Append('=').Append(row[property]);
                }
                rows.Append('\n');
            }
        }
        return rows.ToString();
    }
}
