using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Core.Admin;
using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;
using Serverless.Core.Publishing;
using Serverless.Core.Render;
using Serverless.Core.Render.Outputs;
using Serverless.Core.Rendering;
using Serverless.Core.Search;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Configuration;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Everything the Functions app and the local server share: options (validated at start-up), storage clients,
    /// parsing, linking, rendering, both publishing stages and the HTTP handlers.
    /// </summary>
    /// <param name="configureClients">Extra client options, e.g. a pipeline policy that counts requests in tests.</param>
    public static IServiceCollection AddServerlessCore(this IServiceCollection services, IConfiguration configuration, Action<ClientOptions>? configureClients = null)
    {
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.SectionName)).ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName))
            .Configure(options => BindingSettings.Apply(options, configuration)).ValidateOnStart();
        services.AddOptions<PublishingOptions>().Bind(configuration.GetSection(PublishingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthorSignInOptions>().Bind(configuration.GetSection(AuthorSignInOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthorSignInOptions>, AuthorSignInOptionsValidator>();
        services.AddOptions<Discovery.DiscoveryOptions>().Bind(configuration.GetSection(Discovery.DiscoveryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ActivityPub.ActivityPubOptions>().Bind(configuration.GetSection(ActivityPub.ActivityPubOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>>(new BindingSettingsValidator(configuration));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<SiteOptions>>().Value);

        services.AddAzureClients(clients =>
        {
            AddStorageClients(clients, configuration.GetSection(StorageOptions.ConnectionSettingName));
            if (configureClients is not null)
            {
                clients.ConfigureDefaults(configureClients);
            }
        });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageClients>();
        services.AddSingleton<LargeProperties>();
        services.AddSingleton<ArticleRepository>();
        services.AddSingleton<ListingMonths>();
        services.AddSingleton<LegacyListing>();
        services.AddSingleton<ArticlesByDate>();
        services.AddSingleton<ArticleIndex>();
        services.AddSingleton<IndexReadCache>();
        services.AddSingleton<DocumentFrequencies>();
        services.AddSingleton<DocumentFrequencyMerger>();
        services.AddSingleton<PageStore>();
        services.AddSingleton<BodyStore>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<ShareCardStore>();
        services.AddSingleton<SiteFiles>();
        services.AddSingleton<ImportActivity>();
        services.AddSingleton<RenderedPages>();
        services.AddSingleton<RenderQueueClient>();
        services.AddSingleton(provider => new ArticleParser(provider.GetRequiredService<SiteOptions>().DefaultLanguage, provider.GetRequiredService<SiteOptions>().BaseUrl));
        services.AddSingleton<PipelineVersion>();
        services.AddSingleton<RelatedArticles>();
        services.AddSingleton<SiteUrls>();
        services.AddSingleton<SiteLayout>();
        services.AddSingleton<Site.SiteThemeSheet>();
        services.AddSingleton<SocialMetaTags>();
        services.AddSingleton<ArticlePageRenderer>();
        services.AddSingleton<IndexPageRenderer>();
        services.AddSingleton<FeedWriter>();
        services.AddSingleton<ShareSnippetBuilder>();
        // Stage 1: ingest. Stage 2: outputs, one class each (the page is the publisher's own), applied in this order:
        // the feeds and the sitemap read the listing rows ListingOutput writes.
        services.AddMetrics();
        services.AddSingleton<PublishingMetrics>();
        services.AddSingleton<MediaIngester>();
        services.AddSingleton<ScheduledReleases>();
        services.AddSingleton<ArticleIngester>();
        services.AddSingleton<DeliveredVersions>();
        services.AddSingleton<ArticleIndexer>();
        services.AddSingleton<AffectedPages>();
        services.AddSingleton<ReleaseMessageHandler>();
        services.AddSingleton<PublicationStatusReader>();
        services.AddSingleton<ArticlesListing>();
        services.AddSingleton<ArticleReconciler>();
        services.AddSingleton<ThemeUploadWatcher>();
        services.AddSingleton<AuthorProfileWatcher>();
        services.AddSingleton<RenderInputsLoader>();
        services.AddSingleton<IArticleOutput, ListingOutput>();
        services.AddSingleton<IArticleOutput, ShareCardOutput>();
        services.AddSingleton<IArticleOutput, FeedOutput>();
        services.AddSingleton<IArticleOutput, SitemapOutput>();
        services.AddSingleton<IArticleOutput, TagOutput>();
        services.AddSingleton<IArticleOutput, AuthorOutput>();
        services.AddSingleton<IArticleOutput, NewsSitemapOutput>();
        services.AddSingleton<IArticleOutput, IndexNowOutput>();
        services.AddSingleton<IArticleOutput, ActivityPubOutput>();
        services.AddSingleton<OutputPublisher>();
        services.AddSingleton<NewsRenders>();
        services.AddSingleton<CitingPagesFanout>();
        services.AddSingleton<KeywordReweigher>();
        services.AddSingleton<ImportSettlement>();
        services.AddSingleton<SlugAllocator>();
        services.AddSingleton<RenderMessageHandler>();
        // The site-file stage: feeds, sitemap and tag pages, rebuilt once per window for whatever renders asked meanwhile.
        services.AddSingleton<SiteFileRequests>();
        services.AddSingleton<FeedFiles>();
        services.AddSingleton<SitemapFiles>();
        services.AddSingleton<TagFiles>();
        services.AddSingleton<AuthorFiles>();
        services.AddSingleton<AuthorProfiles>();
        services.AddSingleton<NewsSitemapFiles>();
        services.AddSingleton<SiteFileMessageHandler>();
        // Discovery on publish: IndexNow submissions and WebSub pings, off until configured.
        services.AddHttpClient(Http.OutboundRequests.ClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<Http.OutboundRequests>();
        services.AddSingleton<Discovery.IndexNowSubmissions>();
        services.AddSingleton<Discovery.WebSubPings>();
        // ActivityPub: the site actor, its inbox and its deliveries, off until its key is configured.
        services.AddHttpClient(ActivityPub.RemoteActors.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectCallback = provider.GetRequiredService<IOptions<ActivityPub.ActivityPubOptions>>().Value.AllowPrivateAddresses ? null : ActivityPub.PublicAddressesOnly.ConnectAsync,
            });
        services.AddSingleton<ActivityPub.ActorKey>();
        services.AddSingleton<ActivityPub.ActivityPubUrls>();
        services.AddSingleton<ActivityPub.ActivityDocuments>();
        services.AddSingleton<ActivityPub.ArticleObjects>();
        services.AddSingleton<ActivityPub.RemoteActors>();
        services.AddSingleton<ActivityPub.Followers>();
        services.AddSingleton<ActivityPub.Reactions>();
        services.AddSingleton<ActivityPub.PageReplies>();
        services.AddSingleton<ActivityPub.DeliveryMessageHandler>();
        services.AddSingleton<ActivityPub.Inbox>();
        services.AddSingleton<ActivityPubHandlers>();
        services.AddServedResponses();
        services.AddSingleton<PageHandlers>();
        services.AddSingleton<ArchiveHandlers>();
        services.AddSingleton<ShareCardHandlers>();
        services.AddSingleton<ApiHandlers>();
        services.AddSingleton<FailureReport>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<Republisher>();
        services.AddSingleton<JobMessageHandler>();
        services.AddSingleton<ArticlePreviewer>();
        services.AddSingleton<Sharing.SharePreviewer>();
        services.AddSingleton<BlobEvents>();
        services.AddSingleton<AdminHandlers>();
        services.AddSingleton<AuthorPages.AuthorLayout>();
        services.AddSingleton<AuthorPages.SharePreviewPage>();
        services.AddSingleton<AuthorPages.DashboardPage>();
        services.AddSingleton<AppServiceSignIn>();
        services.AddSingleton<AuthorPageHandlers>();
        services.AddSingleton<MediaHandlers>();
        services.AddSingleton<SyndicationHandlers>();
        services.AddServerlessSearch(configuration);
        return services;
    }

    /// <summary>
    /// The public routes' answers in memory: one HybridCache over a memory cache bounded in bytes, each entry counted by
    /// its serialized length (<see cref="ServedResponseSerializer"/>: the body and a few dozen bytes).
    /// </summary>
    private static void AddServedResponses(this IServiceCollection services)
    {
        // Statistics give the bytes held (IMemoryCache.GetCurrentStatistics), which operators and tests read.
        services.AddMemoryCache(options =>
        {
            options.SizeLimit = ServedResponses.MaxCachedBytes;
            options.TrackStatistics = true;
        });
        services.AddHybridCache(options => options.MaximumPayloadBytes = ServedResponses.MaxEntryBytes + 1024)
            .AddSerializer<ServedResponse, ServedResponseSerializer>();
        services.AddSingleton<ServedResponses>();
    }

    /// <summary>The Functions queue trigger expects Base64 message bodies by default; the SDK sends them verbatim unless told.</summary>
    private static void UseFunctionsQueueEncoding(Azure.Storage.Queues.QueueClientOptions options) =>
        options.MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64;

    /// <summary>A probe whose failure is the answer (a listing that storage cannot serve) must not be retried for seconds.</summary>
    private static void WithoutRetries(BlobClientOptions options) => options.Retry.MaxRetries = 0;

    /// <summary>
    /// Reads the storage connection the way Azure Functions does: <c>AzureWebJobsStorage</c> as a connection string, or
    /// <c>AzureWebJobsStorage__blobServiceUri</c> / <c>__tableServiceUri</c> (or <c>__accountName</c>) with a managed identity.
    /// </summary>
    private static void AddStorageClients(AzureClientFactoryBuilder clients, IConfigurationSection connection)
    {
        if (!string.IsNullOrWhiteSpace(connection.Value))
        {
            clients.AddBlobServiceClient(connection.Value);
            clients.AddBlobServiceClient(connection.Value).WithName(StorageClients.ProbeClientName).ConfigureOptions(WithoutRetries);
            clients.AddTableServiceClient(connection.Value);
            clients.AddQueueServiceClient(connection.Value).ConfigureOptions(UseFunctionsQueueEncoding);
            return;
        }
        var account = connection["accountName"];
        var blobUri = connection["blobServiceUri"] ?? (account is null ? null : $"https://{account}.blob.core.windows.net");
        var tableUri = connection["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var queueUri = connection["queueServiceUri"] ?? (account is null ? null : $"https://{account}.queue.core.windows.net");
        if (blobUri is null || tableUri is null || queueUri is null)
        {
            throw new OptionsValidationException(StorageOptions.ConnectionSettingName, typeof(StorageOptions),
            [
                $"Setting '{StorageOptions.ConnectionSettingName}' is missing: set it to a storage connection string "
                + "(UseDevelopmentStorage=true for Azurite on its default ports), or set "
                + $"'{StorageOptions.ConnectionSettingName}__accountName' (or __blobServiceUri, __tableServiceUri and __queueServiceUri) to use a managed identity.",
            ]);
        }
        clients.AddBlobServiceClient(new Uri(blobUri));
        clients.AddBlobServiceClient(new Uri(blobUri)).WithName(StorageClients.ProbeClientName).ConfigureOptions(WithoutRetries);
        clients.AddTableServiceClient(new Uri(tableUri));
        clients.AddQueueServiceClient(new Uri(queueUri)).ConfigureOptions(UseFunctionsQueueEncoding);
        clients.UseCredential(new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = connection["clientId"] }));
    }
}
