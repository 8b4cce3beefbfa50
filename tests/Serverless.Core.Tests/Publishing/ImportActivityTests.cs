using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.Core.Configuration;
using Serverless.Core.Storage;

namespace Serverless.Core.Tests.Publishing;

/// <summary>
/// An import is told from a newsroom's pace by the ingests of the last settle delay (four render delays: 8 s by
/// default): ten or more make an import; it is over once no article was ingested for that long.
/// </summary>
public sealed class ImportActivityTests
{
    private readonly FakeTimeProvider _time = new();

    private ImportActivity Activity() => new(Options.Create(new PublishingOptions { RenderDelaySeconds = 2 }), _time);

    [Fact]
    public void Nine_ingests_within_the_settle_delay_are_a_newsroom_publishing()
    {
        var activity = Activity();
        for (var ingest = 0; ingest < ImportActivity.ImportIngests - 1; ingest++)
        {
            activity.Ingested();
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.False(activity.ImportUnderway);
    }

    [Fact]
    public void Ten_ingests_within_the_settle_delay_are_an_import()
    {
        var activity = Activity();
        for (var ingest = 0; ingest < ImportActivity.ImportIngests; ingest++)
        {
            activity.Ingested();
            _time.Advance(TimeSpan.FromMilliseconds(700));
        }

        Assert.True(activity.ImportUnderway);
    }

    [Fact]
    public void Ingests_older_than_the_settle_delay_no_longer_count()
    {
        var activity = Activity();
        for (var ingest = 0; ingest < ImportActivity.ImportIngests; ingest++)
        {
            activity.Ingested();
        }

        _time.Advance(TimeSpan.FromSeconds(8.1));

        Assert.False(activity.ImportUnderway);
    }

    [Fact]
    public void Quiet_is_counted_from_the_last_ingest()
    {
        var activity = Activity();
        Assert.Equal(TimeSpan.MaxValue, activity.QuietFor);

        activity.Ingested();
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), activity.QuietFor);
    }
}
