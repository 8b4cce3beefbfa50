using System.Text.Json;
using Serverless.Core.Http;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// What the Functions host will index, read from the functions.metadata the worker SDK generates at build time:
/// the bindings Flex Consumption needs and the same routes the local server maps.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly JsonElement[] Functions =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement.EnumerateArray().ToArray();

    private static JsonElement TriggerOf(string function) =>
        Functions.Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    [Fact]
    public void Blob_trigger_uses_the_event_grid_source_on_the_configured_articles_container()
    {
        var trigger = TriggerOf("PublishArticle");

        Assert.Equal("blobTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("%ARTICLES_CONTAINER_NAME%/{name}", trigger.GetProperty("path").GetString());
    }

    [Fact]
    public void Render_trigger_reads_the_render_queue_named_in_settings()
    {
        var trigger = TriggerOf("RenderArticle");

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%RENDER_QUEUE_NAME%", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void Site_file_trigger_reads_the_site_queue_named_in_settings()
    {
        var trigger = TriggerOf("RebuildSiteFile");

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%SITE_QUEUE_NAME%", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void Delivery_trigger_reads_the_delivery_queue_named_in_settings()
    {
        var trigger = TriggerOf("DeliverActivity");

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%DELIVERY_QUEUE_NAME%", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void Release_trigger_reads_the_release_queue_named_in_settings()
    {
        var trigger = TriggerOf("ReleaseScheduledArticle");

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%RELEASE_QUEUE_NAME%", trigger.GetProperty("queueName").GetString());
    }

    [Fact]
    public void Job_trigger_reads_the_job_queue_named_in_settings()
    {
        var trigger = TriggerOf("RunAdminJob");

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%JOB_QUEUE_NAME%", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void Host_moves_a_render_message_to_the_poison_queue_after_the_handler_gives_up()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal(Serverless.Core.Render.RenderMessageHandler.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    [Fact]
    public void Idle_render_queue_is_polled_every_two_seconds_at_most()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));

        Assert.Equal("00:00:02", host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxPollingInterval").GetString());
    }

    [Fact]
    public void Reconciliation_timer_reads_its_schedule_from_settings() =>
        Assert.Equal("%ReconcileSchedule%", TriggerOf("ReconcileArticles").GetProperty("schedule").GetString());

    [Theory]
    [InlineData("GetArticlePage", Routes.ArticlePage)]
    [InlineData("ListArticles", Routes.ArticleList)]
    [InlineData("GetArticle", Routes.ArticleMetadata)]
    [InlineData("GetShareSnippet", Routes.ShareSnippet)]
    [InlineData("GetAdminStatus", Routes.AdminStatus)]
    [InlineData("ListSources", Routes.AdminSources)]
    [InlineData("ListFailures", Routes.AdminFailures)]
    [InlineData("Republish", Routes.AdminRepublish)]
    [InlineData("GetAdminJob", Routes.AdminJob)]
    [InlineData("PreviewArticle", Routes.AdminPreview)]
    [InlineData("SharePreview", Routes.AdminSharePreview)]
    [InlineData("SharePreviewPage", Routes.FunctionsAuthorPages + Routes.AuthorSharePreview)]
    [InlineData("UnknownAdminRoute", Routes.AdminUnknown)]
    [InlineData("Dashboard", Routes.FunctionsAuthorPages + Routes.AuthorDashboard)]
    [InlineData("PagePreviewPage", Routes.FunctionsAuthorPages + Routes.AuthorPagePreview)]
    [InlineData("SignedInDashboard", Routes.FunctionsSignedInAuthorPages + Routes.AuthorDashboard)]
    [InlineData("SignedInSharePreview", Routes.FunctionsSignedInAuthorPages + Routes.AuthorSharePreview)]
    [InlineData("SignedInPagePreview", Routes.FunctionsSignedInAuthorPages + Routes.AuthorPagePreview)]
    [InlineData("ReceiveBlobEvents", Routes.AdminBlobEvents)]
    [InlineData("GetMedia", Routes.Media)]
    [InlineData("GetIndexPage", Routes.FunctionsIndex)]
    [InlineData("GetShareCard", Routes.ShareCard)]
    [InlineData("GetRssFeed", Routes.RssFeed)]
    [InlineData("GetAtomFeed", Routes.AtomFeed)]
    [InlineData("GetSitemap", Routes.Sitemap)]
    [InlineData("GetSitemapShard", Routes.SitemapShard)]
    [InlineData("GetRobots", Routes.Robots)]
    [InlineData("GetNewsSitemap", Routes.NewsSitemap)]
    [InlineData("GetIndexNowKey", Routes.IndexNowKey)]
    [InlineData("WebFinger", Routes.WebFinger)]
    [InlineData("NodeInfoLinks", Routes.NodeInfoLinks)]
    [InlineData("NodeInfo", Routes.NodeInfo)]
    [InlineData("Actor", Routes.Actor)]
    [InlineData("Outbox", Routes.Outbox)]
    [InlineData("Followers", Routes.Followers)]
    [InlineData("Inbox", Routes.Inbox)]
    [InlineData("GetTagPage", Routes.TagPage)]
    [InlineData("GetTagFeed", Routes.TagFeed)]
    [InlineData("SearchPage", Routes.SearchPage)]
    [InlineData("SearchApi", Routes.SearchApi)]
    public void Http_functions_use_the_shared_routes(string function, string route) =>
        Assert.Equal(route, TriggerOf(function).GetProperty("route").GetString());

    [Fact]
    public void Syndication_functions_are_anonymous_and_answer_get_and_head()
    {
        foreach (var function in new[] { "GetRssFeed", "GetAtomFeed", "GetSitemap", "GetSitemapShard", "GetRobots", "GetNewsSitemap", "GetIndexNowKey", "GetTagPage", "GetTagFeed" })
        {
            var trigger = TriggerOf(function);
            Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
            Assert.Equal(["get", "head"], trigger.GetProperty("methods").EnumerateArray().Select(method => method.GetString()!.ToLowerInvariant()));
        }
    }

    [Theory]
    [InlineData("GetAdminStatus")]
    [InlineData("ListSources")]
    [InlineData("ListFailures")]
    [InlineData("Republish")]
    [InlineData("GetAdminJob")]
    [InlineData("PreviewArticle")]
    [InlineData("SharePreview")]
    [InlineData("SharePreviewPage")]
    [InlineData("UnknownAdminRoute")]
    [InlineData("Dashboard")]
    [InlineData("PagePreviewPage")]
    [InlineData("ReceiveBlobEvents")]
    public void Admin_functions_require_a_function_key(string function) =>
        Assert.Equal("Function", TriggerOf(function).GetProperty("authLevel").GetString(), ignoreCase: true);

    [Fact]
    public void Every_other_http_function_is_anonymous() =>
        Assert.All(HttpFunctions.Except(AdminFunctions), name => Assert.Equal("Anonymous", TriggerOf(name).GetProperty("authLevel").GetString(), ignoreCase: true));

    [Fact]
    public void Http_routes_stay_clear_of_the_routes_the_host_reserves()
    {
        // The host refuses a function whose route template starts with "admin" or "runtime": its own API lives there.
        foreach (var route in HttpFunctions.Select(name => TriggerOf(name).GetProperty("route").GetString()!.TrimStart('/')))
        {
            Assert.False(route.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase), route);
        }
    }

    private static readonly string[] AdminFunctions = ["GetAdminStatus", "ListSources", "ListFailures", "Republish", "GetAdminJob", "PreviewArticle", "SharePreview", "SharePreviewPage", "UnknownAdminRoute", "Dashboard", "PagePreviewPage", "ReceiveBlobEvents"];

    /// <summary>A browser cannot send a function key: the pages for authors signed in with Entra ID check the principal themselves (AppServiceSignIn).</summary>
    [Fact]
    public void Under_the_admin_prefix_only_the_signed_in_author_pages_are_anonymous()
    {
        var adminRoutes = HttpFunctions.Where(name => TriggerOf(name).GetProperty("route").GetString()!.StartsWith(Routes.AdminPrefix + "/", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, adminRoutes.Count(name => TriggerOf(name).GetProperty("route").GetString()!.StartsWith(Routes.FunctionsSignedInAuthorPages, StringComparison.Ordinal)));
        Assert.All(adminRoutes, name => Assert.Equal(
            TriggerOf(name).GetProperty("route").GetString()!.StartsWith(Routes.FunctionsSignedInAuthorPages, StringComparison.Ordinal) ? "Anonymous" : "Function",
            TriggerOf(name).GetProperty("authLevel").GetString(), ignoreCase: true));
    }

    private static IEnumerable<string> HttpFunctions => Functions.Select(f => f.GetProperty("name").GetString()!)
        .Where(name => TriggerOf(name).GetProperty("type").GetString() == "httpTrigger");

    [Fact]
    public void Host_serves_routes_without_the_api_prefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));

        Assert.Equal(string.Empty, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }
}
