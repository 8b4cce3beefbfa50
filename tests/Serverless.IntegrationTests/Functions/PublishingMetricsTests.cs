using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Serverless.Core.Publishing;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>The metrics telemetry exports: ingest outcomes, renders by cause, and the latency from upload to page.</summary>
public sealed class PublishingMetricsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(_site.Get<IMeterFactory>(), PublishingMetrics.MeterName, instrument);

    [Fact]
    public async Task Ingest_outcomes_are_counted_by_status()
    {
        using var ingested = Collect<long>("serverless.articles.ingested");

        await _site.PublishAsync("good.md", Samples.FrontMatterArticle("Good one"));
        await _site.PublishAsync("bad.md", "---\ntitle: [\n---\n");

        Assert.Equal(["Published", "Failed"], ingested.GetMeasurementSnapshot().Select(measurement => (string)measurement.Tags["status"]!));
    }

    [Fact]
    public async Task Pages_rendered_because_a_cited_article_appeared_count_as_dependency()
    {
        using var rendered = Collect<long>("serverless.pages.rendered");
        using var latency = Collect<double>("serverless.publish.latency");

        await _site.PublishAsync("citing.md", Samples.FrontMatterArticle("Citing", extra: "slug: citing", body: "See [it](target)."));
        await _site.PublishAsync("target.md", Samples.FrontMatterArticle("Target", extra: "slug: target"));

        var causes = rendered.GetMeasurementSnapshot().Select(measurement => (string)measurement.Tags["cause"]!).ToList();
        Assert.Equal(2, causes.Count(cause => cause == "record"));
        Assert.Contains("dependency", causes);
        Assert.Equal(2, latency.GetMeasurementSnapshot().Count);
        Assert.All(latency.GetMeasurementSnapshot(), measurement => Assert.True(measurement.Value >= 0));
    }
}
