using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Admin;
using Serverless.Core.Configuration;
using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.Core.Render;
using Serverless.Core.Site;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.Functions.Triggers;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// A deployment of the core services against the shared Azurite, in containers and tables of its own, with every
/// storage request counted. Built the way the Functions app builds it: <see cref="ServiceCollectionExtensions.AddServerlessCore"/>.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://news.example.com";

    private readonly ServiceProvider _services;

    /// <param name="time">A clock the test sets (scheduled articles); the system clock by default.</param>
    /// <param name="fault">A fault to inject into the storage requests: a crash, an outage.</param>
    public TestSite(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, TimeProvider? time = null, HttpPipelinePolicy? fault = null)
        : this(azurite.ConnectionString, settings, time, fault)
    {
    }

    /// <summary>A site on a storage account of the test's choosing, such as an Azurite the test stops and starts.</summary>
    public TestSite(string connectionString, IDictionary<string, string?>? settings = null, TimeProvider? time = null, HttpPipelinePolicy? fault = null)
    {
        Settings = StorageSettings(connectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddServerlessCore(configuration, options =>
        {
            options.AddPolicy(Requests, HttpPipelinePosition.PerCall);
            options.AddPolicy(Attempts, HttpPipelinePosition.PerRetry);
            options.AddPolicy(ResponseBytes, HttpPipelinePosition.PerCall);
            if (fault is not null)
            {
                options.AddPolicy(fault, HttpPipelinePosition.PerCall);
            }
        });
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Settings of this site: unique storage names, the Azurite connection and the site options.</summary>
    public Dictionary<string, string?> Settings { get; }

    public RequestCounter Requests { get; } = new();

    /// <summary>Every attempt sent, the SDK's retries included (<see cref="Requests"/> counts each call once).</summary>
    public RequestCounter Attempts { get; } = new();

    public ResponseBodyCounter ResponseBytes { get; } = new();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public BlobContainerClient Articles => Get<StorageClients>().Articles;

    public async Task<BlobClient> UploadAsync(string blobName, string content)
    {
        await Get<StorageClients>().EnsureCreatedAsync(TestContext.Current.CancellationToken);
        var blob = Articles.GetBlobClient(blobName);
        await blob.UploadAsync(BinaryData.FromString(content), overwrite: true, TestContext.Current.CancellationToken);
        return blob;
    }

    /// <summary>Uploads bytes as they are (encodings, byte order marks, binary content), then runs both stages.</summary>
    public async Task<PublishResult> PublishBytesAsync(string blobName, byte[] content)
    {
        await Get<StorageClients>().EnsureCreatedAsync(TestContext.Current.CancellationToken);
        var blob = Articles.GetBlobClient(blobName);
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true, TestContext.Current.CancellationToken);
        var result = await TriggerIngestAsync(blob);
        await DrainRenderQueueAsync();
        return result;
    }

    /// <summary>Stage 1 as the Functions host runs it: the blob-trigger function on the uploaded blob.</summary>
    public async Task<PublishResult> TriggerIngestAsync(BlobClient blob) =>
        await new PublishArticleFunction(Get<ArticleIngester>()).PublishArticle(blob, TestContext.Current.CancellationToken);

    /// <summary>
    /// Stage 2, the site-file stage and admin jobs as the Functions host runs them: every message of the render,
    /// site-file and job queues, received from Azurite and handed to the queue-trigger functions, until all are empty
    /// (renders may enqueue more, a job page the next page and renders), including the messages sent with a delay
    /// (<see cref="RenderQueueClient.CoalescingDelay"/>, the site-file window), waited for until they show. Returns the
    /// render results; the site-file stage's are added to <see cref="SiteFileResults"/>, the jobs' to <see cref="JobResults"/>.
    /// <paramref name="concurrency"/> messages of a batch are handled at once, as one host instance does (its batchSize).
    /// </summary>
    public async Task<IReadOnlyList<RenderResult>> DrainRenderQueueAsync(int concurrency = 1)
    {
        var storage = Get<StorageClients>();
        var renders = new RenderArticleFunction(Get<RenderMessageHandler>());
        var siteFiles = new RebuildSiteFileFunction(Get<SiteFileMessageHandler>());
        var jobs = new RunAdminJobFunction(Get<JobMessageHandler>());
        var deliveries = new DeliverActivityFunction(Get<Serverless.Core.ActivityPub.DeliveryMessageHandler>());
        var cancellation = TestContext.Current.CancellationToken;
        var results = new List<RenderResult>();
        // Renders first: the site files they ask for wait for them, as the window makes them on Azure; a job's next page after both.
        // ActivityPub deliveries last, and only on a site that has them on: other tests count their storage requests.
        QueueClient[] queues = Settings.ContainsKey("ActivityPub:PrivateKeyFile")
            ? [storage.RenderQueue, storage.SiteQueue, storage.JobQueue, storage.DeliveryQueue]
            : [storage.RenderQueue, storage.SiteQueue, storage.JobQueue];
        while (true)
        {
            QueueMessage[] messages = [];
            var queue = queues[0];
            foreach (var candidate in queues)
            {
                queue = candidate;
                messages = (await queue.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: cancellation)).Value;
                if (messages.Length > 0)
                {
                    break;
                }
            }
            if (messages.Length == 0)
            {
                var waiting = await Task.WhenAll(queues.Select(async candidate => (await candidate.GetPropertiesAsync(cancellation)).Value.ApproximateMessagesCount));
                if (waiting.All(count => count == 0))
                {
                    return results;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellation);
                continue;
            }
            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellation },
                async (message, token) =>
                {
                    if (queue == storage.SiteQueue)
                    {
                        var rebuilt = await siteFiles.RebuildSiteFile(message, token);
                        lock (SiteFileResults)
                        {
                            SiteFileResults.Add(rebuilt);
                        }
                    }
                    else if (queue == storage.DeliveryQueue)
                    {
                        var sent = await deliveries.DeliverActivity(message, token);
                        lock (DeliveryResults)
                        {
                            DeliveryResults.Add(sent);
                        }
                    }
                    else if (queue == storage.JobQueue)
                    {
                        var page = await jobs.RunAdminJob(message, token);
                        lock (JobResults)
                        {
                            JobResults.Add(page);
                        }
                    }
                    else if (await renders.RenderArticle(message, token) is { } result)
                    {
                        lock (results)
                        {
                            results.Add(result);
                        }
                    }
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, token);
                });
        }
    }

    /// <summary>What the site-file stage did, in order, since the site was made.</summary>
    public List<SiteFileResult> SiteFileResults { get; } = [];

    /// <summary>What each delivery message did (deliveries sent or made), in order, since the site was made.</summary>
    public List<int> DeliveryResults { get; } = [];

    /// <summary>What each job message did, in order, since the site was made.</summary>
    public List<JobPageResult> JobResults { get; } = [];

    /// <summary>Upload, then both stages as the Functions host would run them: returns what ingest did.</summary>
    public async Task<PublishResult> PublishAsync(string blobName, string content, int concurrency = 1)
    {
        var result = await TriggerIngestAsync(await UploadAsync(blobName, content));
        await DrainRenderQueueAsync(concurrency);
        return result;
    }

    /// <summary>GET /articles/{slug} through the HTTP function.</summary>
    public async Task<HttpResponseSnapshot> GetPageAsync(string slug, params (string Name, string Value)[] headers)
    {
        var context = NewHttpContext("/articles/" + slug, headers);
        return await HttpResponseSnapshot.ExecuteAsync(
            await new PageFunctions(Get<PageHandlers>()).GetArticlePage(context.Request, slug, TestContext.Current.CancellationToken), context);
    }

    /// <summary>
    /// GET of a feed, sitemap, robots.txt or tag page (<c>/feed.xml</c>, <c>/atom.xml</c>, <c>/sitemap.xml</c>,
    /// <c>/sitemaps/{month}.xml</c>, <c>/news-sitemap.xml</c>, <c>/robots.txt</c>, <c>/{IndexNow key}.txt</c>, <c>/tags/{tag}</c>, <c>/tags/{tag}/feed.xml</c>,
    /// <c>/authors/{author}</c>, <c>/authors/{author}/feed.xml</c>) through its HTTP function.
    /// </summary>
    public async Task<HttpResponseSnapshot> GetSiteFileAsync(string path, params (string Name, string Value)[] headers)
    {
        var context = NewHttpContext(path, headers);
        var functions = new SyndicationFunctions(Get<SyndicationHandlers>());
        var cancellation = TestContext.Current.CancellationToken;
        var segments = path.Split('?')[0].TrimStart('/').Split('/');
        var result = segments switch
        {
            ["feed.xml"] => await functions.GetRssFeed(context.Request, cancellation),
            ["atom.xml"] => await functions.GetAtomFeed(context.Request, cancellation),
            ["sitemap.xml"] => await functions.GetSitemap(context.Request, cancellation),
            ["sitemaps", var shard] when shard.EndsWith(".xml", StringComparison.Ordinal) => await functions.GetSitemapShard(context.Request, shard[..^4], cancellation),
            ["robots.txt"] => functions.GetRobots(context.Request),
            ["news-sitemap.xml"] => await functions.GetNewsSitemap(context.Request, cancellation),
            [var key] when key.EndsWith(".txt", StringComparison.Ordinal) => functions.GetIndexNowKey(context.Request, key[..^4]),
            ["tags", var tag] => await functions.GetTagPage(context.Request, tag, cancellation),
            ["tags", var tag, "feed.xml"] => await functions.GetTagFeed(context.Request, tag, cancellation),
            ["authors", var author] => await functions.GetAuthorPage(context.Request, author, cancellation),
            ["authors", var author, "feed.xml"] => await functions.GetAuthorFeed(context.Request, author, cancellation),
            _ => throw new ArgumentException($"No site file route matches '{path}'.", nameof(path)),
        };
        return await HttpResponseSnapshot.ExecuteAsync(result, context);
    }

    /// <summary>Points the record at a body that does not exist, as a new record would, so that rendering it fails.</summary>
    public async Task BreakRecordAsync(string slug)
    {
        var entity = new Azure.Data.Tables.TableEntity(slug, TableKeys.ArticleRow) { ["BodyBlob"] = $"{slug}/missing.html", ["RecordHash"] = "changed" };
        await Get<StorageClients>().ArticlesTable.UpdateEntityAsync(entity, Azure.ETag.All, Azure.Data.Tables.TableUpdateMode.Merge, TestContext.Current.CancellationToken);
    }

    /// <summary>GET /api/articles/{slug} through the HTTP function: the status code and the JSON body.</summary>
    public async Task<(int Status, JsonElement Json)> GetArticleJsonAsync(string slug)
    {
        var context = NewHttpContext("/api/articles/" + slug);
        var response = await HttpResponseSnapshot.ExecuteAsync(
            await new ApiFunctions(Get<ApiHandlers>()).GetArticle(context.Request, slug, TestContext.Current.CancellationToken), context);
        using var json = JsonDocument.Parse(response.Body);
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>The admin functions; the host has checked the function key before any of them runs.</summary>
    public AdminFunctions Admin => new(Get<AdminHandlers>());

    public AuthorPageFunctions AuthorPages => new(Get<AuthorPageHandlers>());

    public SignedInAuthorPageFunctions SignedInAuthorPages => new(Get<AuthorPageHandlers>(), Get<AppServiceSignIn>());

    /// <summary>GET /api/admin/status?blob=… through the admin function: the status code and the JSON body.</summary>
    public async Task<(int Status, JsonElement Json)> GetAdminStatusAsync(string blobName)
    {
        var context = NewHttpContext("/api/admin/status?blob=" + Uri.EscapeDataString(blobName));
        var response = await HttpResponseSnapshot.ExecuteAsync(await Admin.GetAdminStatus(context.Request, TestContext.Current.CancellationToken), context);
        using var json = JsonDocument.Parse(response.Body);
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>An ASP.NET Core request as the Functions host hands it to an HTTP function.</summary>
    public HttpContext NewHttpContext(string path, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("news.example.com");
        var query = path.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? path : path[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }
        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <remarks>
    /// What the site stored stays in the run's Azurite: deleting a queue or container there removes its messages or
    /// blobs from the collection every queue or container shares, which left Azurite unable to find other tests'
    /// messages (MessageNotFound on a message just received) in a CI check.
    /// </remarks>
    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>Storage names unique to one test, so tests share one Azurite without seeing each other's data.</summary>
    public static Dictionary<string, string?> StorageSettings(string connectionString)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionSettingName] = connectionString,
            ["Storage:ArticlesContainer"] = $"articles-{id}",
            ["Storage:PagesContainer"] = $"pages-{id}",
            ["Storage:ArticlesTable"] = $"articles{id}",
            ["Storage:ArticlesByDateTable"] = $"bydate{id}",
            ["Storage:ArticlesByTagTable"] = $"bytag{id}",
            ["Storage:SourcesTable"] = $"sources{id}",
            ["Storage:BodiesContainer"] = $"bodies-{id}",
            ["Storage:CardsContainer"] = $"cards-{id}",
            ["Storage:SiteContainer"] = $"site-{id}",
            ["Storage:TitlesTable"] = $"titles{id}",
            ["Storage:CitationsTable"] = $"citations{id}",
            ["Storage:KeywordsTable"] = $"keywords{id}",
            ["Storage:MediaContainer"] = $"media-{id}",
            ["Storage:MediaTable"] = $"media{id}",
            ["Storage:RenderQueue"] = $"renders-{id}",
            ["Storage:BlobTriggerPoisonQueue"] = $"blobpoison-{id}",
            ["Site:PublicBaseUrl"] = PublicBaseUrl,
            ["Site:Name"] = "Serverless News",
            ["Site:DefaultLanguage"] = "en",
            ["Site:XHandle"] = "serverlessnews",
            ["Site:CacheSeconds"] = "60",
            // Site files at once: a test reads them right after its publishes (SiteFileStageTests sets a window).
            ["Publishing:SiteFileDelaySeconds"] = "0",
            // Every page rendered from the queue, as the tests drain it (NewsRendersTests turns rendering news at ingest on).
            ["Publishing:NewsRenderWindowHours"] = "0",
            ["Storage:SiteQueue"] = $"sitefiles-{id}",
            ["Storage:ReleaseQueue"] = $"releases-{id}",
            ["Storage:SiteFilesTable"] = $"sitefiles{id}",
            ["Storage:JobQueue"] = $"jobs-{id}",
            ["Storage:JobsTable"] = $"jobs{id}",
            ["Storage:DeliveryQueue"] = $"deliveries-{id}",
            ["Storage:FollowersTable"] = $"followers{id}",
            ["Storage:ReactionsTable"] = $"reactions{id}",
            ["Search:Container"] = $"search-{id}",
            ["Search:ChangesTable"] = $"searchchanges{id}",
        };
    }
}
