using System.Text;
using System.Text.Json;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Deletion right away: Event Grid delivers the storage account's blob events to the key-protected webhook, which
/// answers the subscription handshake and runs stage 1 for a blob of the articles container at once. No reconciliation
/// runs in these tests: what they see is the event's doing (and stage 2's, which the render queue drives).
/// </summary>
public sealed class BlobEventsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    /// <summary>POSTs a delivery to the webhook function, as Event Grid does.</summary>
    private async Task<(int Status, JsonElement Json)> DeliverAsync(string body)
    {
        var context = _site.NewHttpContext("/api/admin/events/blobs");
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var response = await HttpResponseSnapshot.ExecuteAsync(await _site.Admin.ReceiveBlobEvents(context.Request, Cancellation), context);
        using var json = JsonDocument.Parse(response.Body);
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>A storage event in the Event Grid schema, as the documentation's samples show it.</summary>
    private static string StorageEvent(string eventType, Uri blobUrl, string api) => $$"""
        [{
          "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/news/providers/Microsoft.Storage/storageAccounts/newsstorage",
          "subject": "/blobServices/default/containers/{{blobUrl.Segments[^2].TrimEnd('/')}}/blobs/{{blobUrl.Segments[^1]}}",
          "eventType": "{{eventType}}",
          "id": "{{Guid.NewGuid()}}",
          "data": {
            "api": "{{api}}",
            "requestId": "4c2359fe-001e-00ba-0e04-58b4d3000000",
            "contentType": "text/markdown",
            "blobType": "BlockBlob",
            "url": "{{blobUrl}}",
            "sequencer": "0000000000000281000000000002F5CA",
            "storageDiagnostics": { "batchId": "b68529f3-68cd-4744-baa4-3c0498ec19f0" }
          },
          "dataVersion": "",
          "metadataVersion": "1",
          "eventTime": "{{DateTimeOffset.UtcNow:O}}"
        }]
        """;

    private Uri BlobUrl(string blobName) => _site.Articles.GetBlobClient(blobName).Uri;

    [Fact]
    public async Task Subscription_validation_is_answered_with_its_code()
    {
        var (status, json) = await DeliverAsync($$"""
            [{
              "id": "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",
              "topic": "/subscriptions/00000000-0000-0000-0000-000000000000",
              "subject": "",
              "data": { "validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6", "validationUrl": "https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/deletions/validate?id=512d38b6" },
              "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
              "eventTime": "2026-11-28T08:00:00.0000000Z",
              "metadataVersion": "1",
              "dataVersion": "2"
            }]
            """);

        Assert.Equal(200, status);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", json.GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task Blob_deleted_event_unpublishes_the_article_everywhere_at_once()
    {
        await _site.PublishAsync("harbour.md", Samples.FrontMatterArticle("The harbour plan", extra: "slug: harbour-plan"));
        await _site.PublishAsync("council.md", Samples.FrontMatterArticle("Council week", body: "The vote on [The harbour plan](#) was delayed."));
        Assert.Contains("href=\"/articles/harbour-plan\"", (await _site.GetPageAsync("council-week")).Body, StringComparison.Ordinal);
        await _site.Articles.DeleteBlobAsync("harbour.md", cancellationToken: Cancellation);

        var (status, json) = await DeliverAsync(StorageEvent("Microsoft.Storage.BlobDeleted", BlobUrl("harbour.md"), "DeleteBlob"));
        await _site.DrainRenderQueueAsync();

        Assert.Equal(200, status);
        Assert.Equal(("harbour.md", "Removed"), (json[0].GetProperty("blobName").GetString(), json[0].GetProperty("outcome").GetString()));
        Assert.Equal(410, (await _site.GetPageAsync("harbour-plan")).StatusCode);
        Assert.Equal(410, (await _site.GetArticleJsonAsync("harbour-plan")).Status);
        var council = await _site.GetPageAsync("council-week");
        Assert.DoesNotContain("/articles/harbour-plan", council.Body, StringComparison.Ordinal);
        var (_, citing) = await _site.GetArticleJsonAsync("council-week");
        Assert.DoesNotContain("harbour-plan", citing.GetProperty("links").GetRawText(), StringComparison.Ordinal);
        foreach (var path in new[] { "/feed.xml", "/atom.xml", "/sitemaps/2024-12.xml", "/tags/azure", "/tags/azure/feed.xml" })
        {
            var output = await _site.GetSiteFileAsync(path);
            Assert.Equal(200, output.StatusCode);
            Assert.DoesNotContain("harbour-plan", output.Body, StringComparison.Ordinal);
            Assert.Contains("council-week", output.Body, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("harbour-plan", await ListingAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blob_deleted_event_takes_down_the_share_snippet_and_card()
    {
        await _site.PublishAsync("harbour.md", Samples.FrontMatterArticle("The harbour plan", extra: "slug: harbour-plan"));
        await _site.Articles.DeleteBlobAsync("harbour.md", cancellationToken: Cancellation);

        await DeliverAsync(StorageEvent("Microsoft.Storage.BlobDeleted", BlobUrl("harbour.md"), "DeleteBlob"));
        await _site.DrainRenderQueueAsync();

        var context = _site.NewHttpContext("/api/share/harbour-plan");
        var snippet = await HttpResponseSnapshot.ExecuteAsync(
            await new Serverless.Functions.Http.ApiFunctions(_site.Get<Serverless.Core.Http.ApiHandlers>()).GetShareSnippet(context.Request, "harbour-plan", Cancellation), context);
        Assert.Equal(410, snippet.StatusCode);
        var cardContext = _site.NewHttpContext("/og/harbour-plan.png");
        var card = await HttpResponseSnapshot.ExecuteAsync(
            await new Serverless.Functions.Http.ShareCardFunctions(_site.Get<Serverless.Core.Http.ShareCardHandlers>()).GetShareCard(cardContext.Request, "harbour-plan", Cancellation), cardContext);
        Assert.NotEqual(200, card.StatusCode);
    }

    [Fact]
    public async Task Blob_deleted_event_for_a_blob_uploaded_again_since_keeps_it_published()
    {
        await _site.PublishAsync("harbour.md", Samples.FrontMatterArticle("The harbour plan", extra: "slug: harbour-plan"));

        // Late: the blob was deleted, then uploaded again, before the deletion's event arrived.
        var (_, json) = await DeliverAsync(StorageEvent("Microsoft.Storage.BlobDeleted", BlobUrl("harbour.md"), "DeleteBlob"));
        await _site.DrainRenderQueueAsync();

        Assert.NotEqual("Removed", json[0].GetProperty("outcome").GetString());
        Assert.Equal(200, (await _site.GetPageAsync("harbour-plan")).StatusCode);
    }

    [Fact]
    public async Task Blob_created_event_publishes_the_blob()
    {
        await _site.UploadAsync("fresh.md", Samples.FrontMatterArticle("Fresh news", extra: "slug: fresh-news"));

        var (_, json) = await DeliverAsync(StorageEvent("Microsoft.Storage.BlobCreated", BlobUrl("fresh.md"), "PutBlob"));
        await _site.DrainRenderQueueAsync();

        Assert.Equal("Published", json[0].GetProperty("outcome").GetString());
        Assert.Equal(200, (await _site.GetPageAsync("fresh-news")).StatusCode);
    }

    [Fact]
    public async Task Events_of_another_container_are_ignored()
    {
        await _site.PublishAsync("harbour.md", Samples.FrontMatterArticle("The harbour plan", extra: "slug: harbour-plan"));
        var otherContainer = new Uri(_site.Articles.Uri.AbsoluteUri.Replace(_site.Articles.Name, "backups", StringComparison.Ordinal) + "/harbour.md");

        var (status, json) = await DeliverAsync(StorageEvent("Microsoft.Storage.BlobDeleted", otherContainer, "DeleteBlob"));

        Assert.Equal(200, status);
        Assert.Equal("Ignored", json[0].GetProperty("outcome").GetString());
        Assert.Equal(200, (await _site.GetPageAsync("harbour-plan")).StatusCode);
        Assert.Equal("Published", (await _site.GetAdminStatusAsync("harbour.md")).Json.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Events_of_other_types_are_ignored()
    {
        var (status, json) = await DeliverAsync(StorageEvent("Microsoft.Storage.BlobTierChanged", BlobUrl("harbour.md"), "SetBlobTier"));

        Assert.Equal(200, status);
        Assert.Equal("Ignored", json[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Cloud_events_schema_is_accepted_too()
    {
        await _site.PublishAsync("harbour.md", Samples.FrontMatterArticle("The harbour plan", extra: "slug: harbour-plan"));
        await _site.Articles.DeleteBlobAsync("harbour.md", cancellationToken: Cancellation);

        var (status, json) = await DeliverAsync($$"""
            {
              "specversion": "1.0",
              "type": "Microsoft.Storage.BlobDeleted",
              "source": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/news/providers/Microsoft.Storage/storageAccounts/newsstorage",
              "id": "{{Guid.NewGuid()}}",
              "time": "{{DateTimeOffset.UtcNow:O}}",
              "subject": "/blobServices/default/containers/{{_site.Articles.Name}}/blobs/harbour.md",
              "datacontenttype": "application/json",
              "data": { "api": "DeleteBlob", "blobType": "BlockBlob", "url": "{{BlobUrl("harbour.md")}}", "sequencer": "0000000000000281000000000002F5CA" }
            }
            """);
        await _site.DrainRenderQueueAsync();

        Assert.Equal(200, status);
        Assert.Equal("Removed", json[0].GetProperty("outcome").GetString());
        Assert.Equal(410, (await _site.GetPageAsync("harbour-plan")).StatusCode);
    }

    [Fact]
    public async Task Body_that_is_not_an_event_delivery_is_a_400_problem()
    {
        var (status, json) = await DeliverAsync("{\"hello\": \"world\"}");

        Assert.Equal(400, status);
        Assert.Equal(400, json.GetProperty("status").GetInt32());
    }

    private async Task<string> ListingAsync()
    {
        var context = _site.NewHttpContext("/api/articles");
        var functions = new Serverless.Functions.Http.ApiFunctions(_site.Get<Serverless.Core.Http.ApiHandlers>());
        return (await HttpResponseSnapshot.ExecuteAsync(await functions.ListArticles(context.Request, Cancellation), context)).Body;
    }
}
