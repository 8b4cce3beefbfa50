namespace Serverless.Core.Http;

/// <summary>Every public route, defined once for the Functions app and the local server alike.</summary>
public static class Routes
{
    public const string Index = "/";
    public const string ArticlePage = "articles/{slug}";
    public const string ArticleList = "api/articles";
    public const string ArticleMetadata = "api/articles/{slug}";
    public const string ShareSnippet = "api/share/{slug}";
    public const string SearchPage = "search";
    public const string SearchApi = "api/search";

    // Admin routes: key-protected (AuthorizationLevel.Function on Azure, the local server's admin key locally). The
    // Functions host reserves routes that start with "admin" or "runtime" for its own API (it refuses such functions:
    // "The specified route conflicts with one or more built in routes"); it checks the route template, which here
    // starts with "api", and with routePrefix "" its own API stays at /admin/…, so /api/admin/… clashes with neither.
    public const string AdminPrefix = "api/admin";
    public const string AdminStatus = AdminPrefix + "/status";
    public const string AdminSources = AdminPrefix + "/sources";
    public const string AdminFailures = AdminPrefix + "/failures";
    public const string AdminRepublish = AdminPrefix + "/republish";
    public const string AdminPreview = AdminPrefix + "/preview";
    public const string AdminSharePreview = AdminPrefix + "/share-preview";

    // Author pages: HTML for browsers. The Functions host keeps /admin/… for its own API (above), so on Azure they live
    // under /api/admin/pages/; the local server serves them at /admin/ (what authors type) and there too. They link to
    // each other relatively, so the same pages work under both.
    public const string AuthorPages = "admin";
    public const string FunctionsAuthorPages = AdminPrefix + "/pages";

    /// <summary>
    /// The same pages on Azure for authors signed in with Microsoft Entra ID (App Service Authentication): anonymous to
    /// the host, each checks the signed-in principal itself (<see cref="AppServiceSignIn"/>).
    /// </summary>
    public const string FunctionsSignedInAuthorPages = AdminPrefix + "/signed-in";

    public const string AuthorSharePreview = "/share-preview";

    /// <summary>The page as it would publish, among the author pages so that a signed-in author reaches it too.</summary>
    public const string AuthorPagePreview = "/preview";

    /// <summary>The dashboard is the folder itself: <c>/admin/</c> (its handler adds the final slash the links need).</summary>
    public const string AuthorDashboard = "";

    /// <summary>A background job's progress: republishing answers 202 with this as its Location.</summary>
    public const string AdminJob = AdminPrefix + "/jobs/{id}";

    public static string AdminJobPath(string id) => "/" + AdminJob.Replace("{id}", id, StringComparison.Ordinal);

    /// <summary>Any other path under the admin prefix: 404 to key holders, and the host's 401 to everyone else, as for every admin route.</summary>
    public const string AdminUnknown = AdminPrefix + "/{*rest}";

    /// <summary>The Event Grid webhook for blob events (deletions above all): the subscription passes the key as <c>?code=</c>.</summary>
    public const string AdminBlobEvents = AdminPrefix + "/events/blobs";

    /// <summary>Published images: <c>media/{hash}/{name}</c>.</summary>
    public const string Media = "media/{*path}";

    // Social previews and syndication: each is a stage-2 output, served from storage.
    public const string ShareCard = "og/{slug}.png";
    public const string Oembed = "oembed";
    public const string RssFeed = "feed.xml";
    public const string AtomFeed = "atom.xml";
    public const string TagPage = "tags/{tag}";
    public const string TagFeed = "tags/{tag}/feed.xml";
    public const string Sitemap = "sitemap.xml";
    public const string SitemapShard = "sitemaps/{month}.xml";
    public const string Robots = "robots.txt";
    public const string NewsSitemap = "news-sitemap.xml";

    /// <summary>The IndexNow key's file: answered for the configured key only (a literal route such as robots.txt wins over it).</summary>
    public const string IndexNowKey = "{key}.txt";
    public const string Logo = "logo.png";

    /// <summary>Browsers and audit tools ask for it unprompted: the logo, so that the request is not a 404.</summary>
    public const string Favicon = "favicon.ico";

    /// <summary>The operator's theme sheet (<see cref="Rendering.SiteTheme"/>).</summary>
    public const string Theme = "theme.css";

    public const string AuthorPage = "authors/{author}";
    public const string AuthorFeed = "authors/{author}/feed.xml";

    /// <summary>The months that have articles, newest first, each linking to its archive.</summary>
    public const string Archives = "archives";
    public const string ArchiveMonth = "archives/{year}/{month}";
    // ActivityPub: the site actor, found by WebFinger, its collections and inbox, and NodeInfo. Off (404) until configured.
    public const string WebFinger = ".well-known/webfinger";
    public const string NodeInfoLinks = ".well-known/nodeinfo";
    public const string NodeInfo = "nodeinfo/2.1";
    public const string Actor = "activitypub/actor";
    public const string Inbox = "activitypub/inbox";
    public const string Outbox = "activitypub/outbox";
    public const string Followers = "activitypub/followers";

    /// <summary>
    /// Azure Functions cannot bind an empty route even with routePrefix "" (Azure/Azure-Functions#2473); an optional
    /// parameter limited to zero characters matches the root only.
    /// </summary>
    public const string FunctionsIndex = "{ignored:maxlength(0)?}";
}
