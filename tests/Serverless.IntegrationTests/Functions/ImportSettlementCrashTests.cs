using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Azurite;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// A crash between any two storage requests of an import's settlement (reading the indexes whole, weighing the
/// import's keywords, telling the pages its new articles affect, letting the held renders go), then what a restarted
/// instance gets from the queue (the held renders showing by themselves, the re-weighing chain), ends as a settlement
/// without the crash does: every page of the import served, and the pages published before it that cite a new article
/// or stand next to it in a tag linking it.
/// </summary>
/// <remarks>
/// Dozens of sites crashed and restarted: it runs an Azurite of its own, so that the other tests' storage does not
/// queue behind it.
/// </remarks>
public sealed class ImportSettlementCrashTests : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public async ValueTask InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions(), NullLogger.Instance, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Short delays, so that held renders and the chain's waits show within seconds of the crash.</summary>
    private static readonly Dictionary<string, string?> ShortDelays = new()
    {
        ["Publishing:RenderDelaySeconds"] = "1",
        ["Publishing:RenderDelayMaxSeconds"] = "3",
    };

    private const int Imported = 3;

    /// <summary>Sites crashed at once, each on its share of the positions.</summary>
    private const int Lanes = 4;

    [Fact]
    public async Task A_crash_anywhere_in_a_settlement_ends_with_the_import_served_and_the_pages_it_affects_told()
    {
        var (requests, _) = await SettleAsync(crashAfter: null);
        Assert.True(requests > 10, $"the settlement made {requests} requests");

        // Every fourth position by default; SERVERLESS_CRASH_EVERY_REQUEST=1 crashes each.
        var step = Environment.GetEnvironmentVariable("SERVERLESS_CRASH_EVERY_REQUEST") == "1" ? 1 : 4;
        var positions = Enumerable.Range(0, requests / step).Select(index => 1 + index * step).ToList();
        var found = await Task.WhenAll(Enumerable.Range(0, Lanes).Select(async lane =>
        {
            var differences = new List<string>();
            foreach (var crashAfter in positions.Where((_, index) => index % Lanes == lane))
            {
                var (_, problems) = await SettleAsync(crashAfter);
                differences.AddRange(problems.Select(problem => $"crash after request {crashAfter} of {requests}: {problem}"));
            }
            return differences;
        }));
        TestContext.Current.TestOutputHelper?.WriteLine($"{positions.Count} crashes of a settlement of {requests} requests");
        var all = found.SelectMany(problems => problems).ToList();
        Assert.True(all.Count == 0, $"{all.Count} problems:\n" + string.Join("\n", all.Take(6)));
    }

    /// <summary>
    /// Two pages published, then an import of <see cref="Imported"/> new articles on an instance that crashes after
    /// <paramref name="crashAfter"/> requests of its settlement (none if null); then a restarted instance drains the
    /// queues. Returns the requests of the settlement and what the site then gets wrong.
    /// </summary>
    private async Task<(int Requests, List<string> Problems)> SettleAsync(int? crashAfter)
    {
        var crash = new InjectedCrash();
        // Storage named here, so that the crashed instance leaves it to the restarted one.
        var settings = TestSite.StorageSettings(_azurite!.ConnectionString);
        foreach (var (key, value) in ShortDelays)
        {
            settings[key] = value;
        }
        int requests;
        await using (var importing = new TestSite(_azurite.ConnectionString, settings, fault: crash))
        {
            await importing.PublishAsync("before/citing.md", SyntheticCorpus.Page("citing-page", "2024-01-01", "politics", "It follows [the imported story 0](#)."));
            await importing.PublishAsync("before/neighbour.md", SyntheticCorpus.Page("neighbour-page", "2024-01-02", "science", "No link."));
            var settlement = importing.Get<ImportSettlement>();
            for (var ingest = 0; ingest < ImportActivity.ImportIngests; ingest++)
            {
                settlement.Ingested();
            }
            for (var index = 0; index < Imported; index++)
            {
                await importing.TriggerIngestAsync(await importing.UploadAsync($"import/{index}.md",
                    SyntheticCorpus.Page($"imported-story-{index}", $"2024-01-{3 + index:D2}", "science", "Imported.", title: $"The imported story {index}")));
            }
            // The settlement comes a settle delay after the last ingest.
            await Task.Delay(OutputPublisher.ClockSkew * 2, Cancellation);
            importing.Requests.Reset();
            if (crashAfter is { } position)
            {
                crash.Arm(position);
            }
            try
            {
                await settlement.SettleAsync(Cancellation);
            }
            catch (InjectedCrashException)
            {
            }
            requests = importing.Requests.Total;
        }

        await using var restarted = new TestSite(_azurite.ConnectionString, settings);
        await restarted.DrainRenderQueueAsync(concurrency: 4);
        var problems = new List<string>();
        foreach (var slug in new[] { "citing-page", "neighbour-page" })
        {
            if (!(await restarted.GetPageAsync(slug)).Body.Contains("href=\"/articles/imported-story-0\"", StringComparison.Ordinal))
            {
                problems.Add($"{slug} does not link imported-story-0");
            }
        }
        for (var index = 0; index < Imported; index++)
        {
            if ((await restarted.GetPageAsync($"imported-story-{index}")).StatusCode != 200)
            {
                problems.Add($"imported-story-{index} is not served");
            }
            if ((await restarted.Get<ArticleRepository>().GetArticleAsync($"imported-story-{index}", Cancellation)) is not { AffectedPagesPending: false, WeighedCorpus: > 0 })
            {
                problems.Add($"imported-story-{index} is not weighed, or its pages not told");
            }
        }
        return (requests, problems);
    }
}
