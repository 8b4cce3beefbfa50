using System.Text.Json;
using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Public and admin kept apart: readers see what is published and nothing of its processing; the admin functions
/// (behind a function key, which the host checks) show statuses, failures and poison messages, republish, and preview.
/// </summary>
public sealed class AdminApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    /// <summary>The first page of failures (all of them, in these tests): the status code and its items.</summary>
    private async Task<(int Status, JsonElement Json)> ListFailuresAsync()
    {
        var context = _site.NewHttpContext("/api/admin/failures");
        var response = await HttpResponseSnapshot.ExecuteAsync(await _site.Admin.ListFailures(context.Request, Cancellation), context);
        using var json = JsonDocument.Parse(response.Body);
        Assert.False(json.RootElement.TryGetProperty("continuationToken", out _));
        return (response.StatusCode, json.RootElement.GetProperty("items").Clone());
    }

    private async Task<HttpResponseSnapshot> PreviewAsync(string blobName)
    {
        var context = _site.NewHttpContext("/api/admin/preview?blob=" + Uri.EscapeDataString(blobName));
        return await HttpResponseSnapshot.ExecuteAsync(await _site.Admin.PreviewArticle(context.Request, Cancellation), context);
    }

    [Fact]
    public async Task Public_article_json_carries_no_status_message_warnings_or_source_blob()
    {
        await _site.PublishAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));

        var (status, json) = await _site.GetArticleJsonAsync(Samples.SonySlug);

        Assert.Equal(200, status);
        var names = json.EnumerateObject().Select(property => property.Name).ToList();
        Assert.Contains("title", names);
        Assert.Empty(names.Intersect(["status", "statusMessage", "warnings", "sourceBlob", "state", "message", "renderFailure"]));
        Assert.DoesNotContain(Samples.SonyBlobName, json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_status_shows_state_url_and_warnings_of_a_published_article()
    {
        await _site.PublishAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));

        var (status, json) = await _site.GetAdminStatusAsync(Samples.SonyBlobName);

        Assert.Equal(200, status);
        Assert.Equal("Published", json.GetProperty("state").GetString());
        Assert.Equal(Samples.SonySlug, json.GetProperty("slug").GetString());
        Assert.Equal($"{TestSite.PublicBaseUrl}/articles/{Samples.SonySlug}", json.GetProperty("url").GetString());
        Assert.Equal(3, json.GetProperty("warnings").GetArrayLength());
        Assert.True(json.TryGetProperty("processedAt", out _));
    }

    [Fact]
    public async Task Admin_status_shows_why_a_bad_article_failed()
    {
        await _site.PublishAsync("bad.md", "---\ntitle: [unclosed\n---\nBody.");

        var (status, json) = await _site.GetAdminStatusAsync("bad.md");

        Assert.Equal(200, status);
        Assert.Equal("Failed", json.GetProperty("state").GetString());
        Assert.Contains("not valid YAML", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_status_of_an_unknown_blob_is_a_404_problem()
    {
        var (status, json) = await _site.GetAdminStatusAsync("never-uploaded.md");

        Assert.Equal(404, status);
        Assert.Equal(404, json.GetProperty("status").GetInt32());
        Assert.DoesNotContain("never-uploaded", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_list_a_failed_source_with_its_message()
    {
        await _site.PublishAsync("bad.md", "---\ntitle: [unclosed\n---\nBody.");
        await _site.PublishAsync("good.md", Samples.FrontMatterArticle("A good one"));

        var (status, json) = await ListFailuresAsync();

        Assert.Equal(200, status);
        var failure = Assert.Single(json.EnumerateArray());
        Assert.Equal(("Source", "bad.md"), (failure.GetProperty("kind").GetString(), failure.GetProperty("blobName").GetString()));
        Assert.Contains("not valid YAML", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_list_a_render_poison_message_with_its_slug_and_reason()
    {
        await _site.PublishAsync("story.md", Samples.FrontMatterArticle("Served before", extra: "slug: served-before"));
        await _site.BreakRecordAsync("served-before");
        var handler = _site.Get<RenderMessageHandler>();
        const string message = "{\"slug\":\"served-before\"}";
        await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync(message, RenderMessageHandler.MaxDequeueCount, Cancellation));
        // What the host does with a message whose last delivery failed.
        await _site.Get<StorageClients>().RenderPoisonQueue.SendMessageAsync(message, Cancellation);

        var (_, json) = await ListFailuresAsync();

        var poison = Assert.Single(json.EnumerateArray(), failure => failure.GetProperty("kind").GetString() == "RenderPoison");
        Assert.Equal(("served-before", "story.md"), (poison.GetProperty("slug").GetString(), poison.GetProperty("blobName").GetString()));
        Assert.StartsWith($"Rendering failed {RenderMessageHandler.MaxDequeueCount} times: The body", poison.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_list_a_blob_trigger_poison_message_with_its_blob_and_reason()
    {
        var poisonQueue = _site.Get<StorageClients>().BlobTriggerPoisonQueue;
        await poisonQueue.CreateIfNotExistsAsync(cancellationToken: Cancellation);
        // The message the WebJobs host queues after the blob trigger failed five times on a blob.
        await poisonQueue.SendMessageAsync(JsonSerializer.Serialize(new
        {
            Type = "BlobTrigger", FunctionId = "Host.Functions.PublishArticle", BlobType = "BlockBlob",
            ContainerName = _site.Articles.Name, BlobName = "2024/lost.md", ETag = "\"0x8DCB1A2B3C4D5E6\"",
        }), Cancellation);

        var (_, json) = await ListFailuresAsync();

        var poison = Assert.Single(json.EnumerateArray());
        Assert.Equal(("BlobPoison", "2024/lost.md"), (poison.GetProperty("kind").GetString(), poison.GetProperty("blobName").GetString()));
        Assert.Contains("failed on it five times", poison.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_list_is_empty_when_nothing_failed_and_no_poison_queue_exists()
    {
        await _site.PublishAsync("good.md", Samples.FrontMatterArticle("A good one"));

        var (status, json) = await ListFailuresAsync();

        Assert.Equal(200, status);
        Assert.Empty(json.EnumerateArray());
    }

    [Fact]
    public async Task Republish_renders_every_page_again_and_the_next_reconciliation_ingests_every_source_again()
    {
        await _site.PublishAsync("a.md", Samples.FrontMatterArticle("First", extra: "slug: first"));
        await _site.PublishAsync("b.md", Samples.FrontMatterArticle("Second", extra: "slug: second"));
        var context = _site.NewHttpContext("/api/admin/republish");
        context.Request.Method = "POST";

        var response = await HttpResponseSnapshot.ExecuteAsync(await _site.Admin.Republish(context.Request, Cancellation), context);
        var renders = await _site.DrainRenderQueueAsync();
        var reconciled = await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(["first", "second"], renders.Where(render => render.Status == RenderStatus.Rendered).Select(render => render.Slug).Order());
        Assert.Equal(["a.md", "b.md"], reconciled.Results.Where(result => result.Status == PublishStatus.Published).Select(result => result.BlobName).Order());
    }

    [Fact]
    public async Task Preview_renders_a_draft_that_stays_404_publicly()
    {
        await _site.PublishAsync("draft.md", Samples.FrontMatterArticle("Not public yet", body: "What the editor reads first.", extra: "slug: not-public-yet\ndraft: true"));
        _site.Requests.Reset();

        var preview = await PreviewAsync("draft.md");

        Assert.Equal(200, preview.StatusCode);
        Assert.Contains("<h1>Not public yet</h1>", preview.Body, StringComparison.Ordinal);
        Assert.Contains("What the editor reads first.", preview.Body, StringComparison.Ordinal);
        Assert.Equal(Serverless.Core.Rendering.SiteLayout.ContentSecurityPolicy, preview.Headers.ContentSecurityPolicy.ToString());
        Assert.Contains("noindex", preview.Headers["X-Robots-Tag"].ToString(), StringComparison.Ordinal);
        Assert.Contains("no-store", preview.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _site.Requests.Writes);
        Assert.Equal(404, (await _site.GetPageAsync("not-public-yet")).StatusCode);
    }

    [Fact]
    public async Task Preview_shows_the_current_content_of_a_blob_not_yet_processed()
    {
        await _site.UploadAsync("fresh.md", Samples.FrontMatterArticle("Straight from the editor"));

        var preview = await PreviewAsync("fresh.md");

        Assert.Equal(200, preview.StatusCode);
        Assert.Contains("<h1>Straight from the editor</h1>", preview.Body, StringComparison.Ordinal);
        Assert.Equal(404, (await _site.GetPageAsync("straight-from-the-editor")).StatusCode);
    }

    [Fact]
    public async Task Preview_of_a_missing_blob_is_a_404_problem_and_of_a_broken_one_says_why()
    {
        await _site.UploadAsync("broken.md", "---\ntitle: [unclosed\n---\nBody.");

        var missing = await PreviewAsync("missing.md");
        var broken = await PreviewAsync("broken.md");

        Assert.Equal((404, "application/problem+json"), (missing.StatusCode, missing.Headers.ContentType.ToString()));
        Assert.Equal(422, broken.StatusCode);
        Assert.Contains("not valid YAML", broken.Body, StringComparison.Ordinal);
    }
}
