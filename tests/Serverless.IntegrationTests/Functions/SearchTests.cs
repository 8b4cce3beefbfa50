using System.Text.Json;
using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Reader search on Azurite, through the HTTP functions: French and English queries over the sample articles, filters,
/// paging, the echoed query, bad queries. The samples are published once for these read-only tests.
/// </summary>
public sealed class SearchTests(AzuriteFixture azurite)
{
    private static readonly Lock Gate = new();
    private static Task<TestSite>? _samples;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Task<TestSite> SamplesAsync()
    {
        lock (Gate)
        {
            return _samples ??= PublishSamplesAsync(azurite);
        }
    }

    private static async Task<TestSite> PublishSamplesAsync(AzuriteFixture azurite)
    {
        var site = new TestSite(azurite);
        foreach (var name in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples")).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            await site.PublishAsync(name!, Samples.Read(name!));
        }
        return site;
    }

    internal static async Task<(int Status, JsonElement Json)> ApiAsync(TestSite site, string query)
    {
        var response = await PublicAnswers.GetAsync(site, "/api/search?" + query, Cancellation);
        return (response.StatusCode, JsonDocument.Parse(response.Body).RootElement);
    }

    internal static async Task<List<string>> SlugsAsync(TestSite site, string query)
    {
        var (status, json) = await ApiAsync(site, query);
        Assert.Equal(200, status);
        return [.. json.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("slug").GetString()!)];
    }

    private const string DdosSlug = "sony-pictures-l-empire-contre-attaque-avec-du-ddos";
    private const string PiratageSlug = "piratage-de-sony-pictures-les-hackers-cherchaient-a-detruire";

    [Fact]
    public async Task Two_typos_in_long_words_still_find_the_sample_first()
    {
        var site = await SamplesAsync();

        var slugs = await SlugsAsync(site, "q=anonymus+bittorent");

        Assert.Equal(Samples.SonySlug, slugs[0]);
    }

    [Theory]
    [InlineData("l%E2%80%99empire")]
    [InlineData("l'empire")]
    [InlineData("L%27EMPIRE+contre-attaque")]
    public async Task French_elisions_with_either_apostrophe_find_the_article(string query)
    {
        var site = await SamplesAsync();

        Assert.Equal([DdosSlug], await SlugsAsync(site, "q=" + query));
    }

    [Fact]
    public async Task Words_typed_without_accents_find_accented_text()
    {
        var site = await SamplesAsync();

        Assert.Contains(Samples.SonySlug, await SlugsAsync(site, "q=decision+critiquee+severement"));
    }

    [Fact]
    public async Task Other_forms_of_a_French_word_find_it()
    {
        var site = await SamplesAsync();

        // The sample says "diffuser" and "diffusion"; the reader types "diffusions".
        Assert.Equal(Samples.SonySlug, (await SlugsAsync(site, "q=diffusions"))[0]);
    }

    [Fact]
    public async Task English_queries_find_English_word_forms()
    {
        var site = await SamplesAsync();

        // The sample says "uploaded" and "pages"; stop words ("the") are dropped.
        Assert.Equal(["welcome-to-serverless"], await SlugsAsync(site, "q=the+uploads+page"));
    }

    [Fact]
    public async Task Results_carry_url_title_date_score_and_a_marked_snippet()
    {
        var site = await SamplesAsync();

        var (_, json) = await ApiAsync(site, "q=bittorrent");
        var first = json.GetProperty("items")[0];

        Assert.Equal(TestSite.PublicBaseUrl + "/articles/" + Samples.SonySlug, first.GetProperty("url").GetString());
        Assert.StartsWith("Sony Pictures", first.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.True(first.GetProperty("score").GetSingle() > 0);
        Assert.NotEqual(default, first.GetProperty("date").GetDateTimeOffset());
        Assert.Contains("<mark>BitTorrent</mark>", first.GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_keep_a_tag_an_author_and_a_date_range()
    {
        var site = await SamplesAsync();

        Assert.Equal([PiratageSlug], await SlugsAsync(site, "q=sony&tag=Piratage"));
        Assert.Equal([PiratageSlug], await SlugsAsync(site, "q=sony&author=la+redaction"));
        Assert.Equal([PiratageSlug], await SlugsAsync(site, "q=sony&from=2014-12-05&to=2014-12-05"));
        Assert.Empty(await SlugsAsync(site, "q=sony&to=2000-01-01"));
    }

    [Fact]
    public async Task Continuation_tokens_page_through_every_result_once()
    {
        var site = await SamplesAsync();
        var all = await SlugsAsync(site, "q=sony&top=50");

        var paged = new List<string>();
        string? token = null;
        do
        {
            var (_, json) = await ApiAsync(site, "q=sony&top=1" + (token is null ? "" : "&continuationToken=" + token));
            paged.AddRange(json.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("slug").GetString()!));
            token = json.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.True(all.Count >= 3);
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task The_page_links_the_next_page_with_the_query_and_filters()
    {
        var site = await SamplesAsync();

        var page = await PublicAnswers.GetAsync(site, "/search?q=sony&tag=piratage+x", Cancellation);
        var first = await PublicAnswers.GetAsync(site, "/search?q=sony&top=1", Cancellation);

        Assert.Equal(200, first.StatusCode);
        Assert.Contains("<form role=\"search\" action=\"/search\" method=\"get\">", first.Body, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", first.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", first.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<mark>", first.Body, StringComparison.Ordinal);
        Assert.Contains("rel=\"next\" href=\"/search?q=sony&amp;top=1&amp;start=1\"", first.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"tag\" value=\"piratage x\"", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_echoed_query_is_encoded_in_the_field_and_the_heading()
    {
        var site = await SamplesAsync();

        var page = await PublicAnswers.GetAsync(site, "/search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Cb+x=%27", Cancellation);

        Assert.Equal(200, page.StatusCode);
        Assert.DoesNotContain("<script", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b x", page.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b x=&#x27;\"", page.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q=")]
    [InlineData("q=le+la+les")]
    [InlineData("q=sony&top=0")]
    [InlineData("q=sony&top=51")]
    [InlineData("q=sony&continuationToken=not-a-token")]
    [InlineData("q=sony&from=yesterday")]
    [InlineData("q=un+deux+trois+quatre+cinq+six+sept+huit+neuf+dix+onze")]
    public async Task Bad_queries_answer_400_problem_details(string query)
    {
        var site = await SamplesAsync();
        site.Requests.Reset();

        var response = await PublicAnswers.GetAsync(site, "/api/search?" + query, Cancellation);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("\"title\"", response.Body, StringComparison.Ordinal);
        Assert.Equal(0, site.Requests.Total);
    }

    [Fact]
    public async Task A_too_long_query_gets_a_friendly_page()
    {
        var site = await SamplesAsync();

        var page = await PublicAnswers.GetAsync(site, "/search?q=" + new string('a', 201), Cancellation);

        Assert.Equal(400, page.StatusCode);
        Assert.Contains("role=\"alert\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("at most 200 characters", page.Body, StringComparison.Ordinal);
        Assert.Contains("<form role=\"search\"", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_instance_answers_from_the_stored_index()
    {
        var site = await SamplesAsync();
        await using var fresh = new TestSite(azurite, site.Settings);

        Assert.Equal(Samples.SonySlug, (await SlugsAsync(fresh, "q=anonymus+bittorent"))[0]);
        TestContext.Current.TestOutputHelper?.WriteLine($"Cold query: {fresh.Requests.Total} storage requests, {fresh.Get<Core.Search.SegmentCache>().BytesRead} bytes of segments.");
    }
}
