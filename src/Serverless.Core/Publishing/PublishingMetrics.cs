using System.Diagnostics.Metrics;
using Serverless.Core.Ingest;

namespace Serverless.Core.Publishing;

/// <summary>
/// What publishing does, as OpenTelemetry-ready metrics (meter <see cref="MeterName"/>): articles ingested by outcome,
/// pages rendered by cause (their own record, a dependency such as a cited or related article, or a template change),
/// renders that failed for good, and the latency from upload to served page. Recorded whether or not anything listens.
/// </summary>
public sealed class PublishingMetrics
{
    public const string MeterName = "Serverless.Publishing";

    private readonly Counter<long> _ingested;
    private readonly Counter<long> _rendered;
    private readonly Counter<long> _renderFailures;
    private readonly Histogram<double> _latency;

    public PublishingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _ingested = meter.CreateCounter<long>("serverless.articles.ingested", "{article}", "Uploads processed by stage 1, by outcome");
        _rendered = meter.CreateCounter<long>("serverless.pages.rendered", "{page}", "Pages rendered by stage 2, by cause: record, dependency or template");
        _renderFailures = meter.CreateCounter<long>("serverless.renders.failed", "{page}", "Render messages that failed on every delivery");
        _latency = meter.CreateHistogram<double>("serverless.publish.latency", "s", "From the blob's last modification to its page being served");
    }

    public void Ingested(PublishStatus status) => _ingested.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));

    public void Rendered(string cause) => _rendered.Add(1, new KeyValuePair<string, object?>("cause", cause));

    public void RenderFailed() => _renderFailures.Add(1);

    public void PublishLatency(TimeSpan latency) => _latency.Record(Math.Max(0, latency.TotalSeconds));
}
