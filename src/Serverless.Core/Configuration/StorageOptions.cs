namespace Serverless.Core.Configuration;

/// <summary>Names of the containers and tables the backend uses, bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The setting holding the storage connection (a connection string, or <c>__blobServiceUri</c>/<c>__tableServiceUri</c>/<c>__queueServiceUri</c> for managed identity), as in Azure Functions.</summary>
    public const string ConnectionSettingName = "AzureWebJobsStorage";

    /// <summary>What authors upload.</summary>
    public string ArticlesContainer { get; set; } = "articles";

    /// <summary>Rendered pages, one blob per version.</summary>
    public string PagesContainer { get; set; } = "pages";

    /// <summary>Body fragments of the stored records, one blob per version.</summary>
    public string BodiesContainer { get; set; } = "bodies";

    /// <summary>Published images, one blob per content (<c>{hash}/{name}</c>), served with immutable cache headers.</summary>
    public string MediaContainer { get; set; } = "media";

    /// <summary>One entity per published image blob: its public path, size and type, read when pages are rendered.</summary>
    public string MediaTable { get; set; } = "media";
    /// <summary>Share cards of served articles, one blob per version (<c>{slug}/{version}.png</c>).</summary>
    public string CardsContainer { get; set; } = "cards";
    /// <summary>Site-wide outputs: feeds, sitemaps, tag pages and tag feeds, each rewritten when an article it lists changes.</summary>
    public string SiteContainer { get; set; } = "site";

    /// <summary>One entity per slug: metadata, status, current page.</summary>
    public string ArticlesTable { get; set; } = "articles";

    /// <summary>The newest-first listing.</summary>
    public string ArticlesByDateTable { get; set; } = "articlesbydate";

    /// <summary>The newest-first listing of each tag: tag pages and tag feeds.</summary>
    public string ArticlesByTagTable { get; set; } = "articlesbytag";

    /// <summary>Published articles by title key: resolves links by title.</summary>
    public string TitlesTable { get; set; } = "titles";

    /// <summary>Links by the key they name their target with: finds the pages that cite an article.</summary>
    public string CitationsTable { get; set; } = "citations";

    /// <summary>Articles by keyword and tag, and document frequencies: computed relatedness.</summary>
    public string KeywordsTable { get; set; } = "keywords";

    /// <summary>Render messages, one per slug whose outputs may have changed; failing ones move to <c>{RenderQueue}-poison</c>.</summary>
    public string RenderQueue { get; set; } = "renders";

    public string RenderPoisonQueue => RenderQueue + "-poison";

    /// <summary>
    /// Site-file messages: a feed, sitemap or tag page to rebuild, delayed so that a burst of publishes rebuilds each
    /// once; failing ones move to <c>{SiteQueue}-poison</c>.
    /// </summary>
    public string SiteQueue { get; set; } = "sitefiles";

    public string SitePoisonQueue => SiteQueue + "-poison";

    /// <summary>
    /// Scheduled releases: one message per article dated in the future, visible at its date (re-armed past the queue's
    /// 7-day visibility limit), which ingests it again then; failing ones move to <c>{ReleaseQueue}-poison</c>.
    /// </summary>
    public string ReleaseQueue { get; set; } = "releases";

    public string ReleasePoisonQueue => ReleaseQueue + "-poison";

    /// <summary>
    /// Admin jobs (republishing everything): one message per page of work, each sending the next, so a job of any size
    /// proceeds in steps of bounded cost; failing ones move to <c>{JobQueue}-poison</c>.
    /// </summary>
    public string JobQueue { get; set; } = "jobs";

    public string JobPoisonQueue => JobQueue + "-poison";

    /// <summary>One entity per admin job: where it stands and what it has done so far, updated once per page.</summary>
    public string JobsTable { get; set; } = "jobs";

    /// <summary>
    /// ActivityPub deliveries: a fan-out per article change (Create, Update, Delete), then one message per shared inbox,
    /// and the Accept of each Follow; failing ones are tried again with backoff, then move to <c>{DeliveryQueue}-poison</c>.
    /// </summary>
    public string DeliveryQueue { get; set; } = "deliveries";

    public string DeliveryPoisonQueue => DeliveryQueue + "-poison";

    /// <summary>The site actor's followers (ActivityPub): one entity per follower, with its inbox and shared inbox.</summary>
    public string FollowersTable { get; set; } = "followers";

    /// <summary>Likes, boosts and replies to the site's articles (ActivityPub): one entity per reaction, by article.</summary>
    public string ReactionsTable { get; set; } = "reactions";

    /// <summary>One entity per site file: when the inputs of its last rebuild were read, so a request made before is skipped.</summary>
    public string SiteFilesTable { get; set; } = "sitefiles";

    /// <summary>
    /// Where the Functions host moves a blob the trigger failed on five times (the host names it; it exists only after
    /// a first failure). The failures report reads it; configurable so that tests sharing one Azurite keep apart.
    /// </summary>
    public string BlobTriggerPoisonQueue { get; set; } = "webjobs-blobtrigger-poison";

    /// <summary>One entity per uploaded blob: what was last processed and how it went.</summary>
    public string SourcesTable { get; set; } = "sources";
}
