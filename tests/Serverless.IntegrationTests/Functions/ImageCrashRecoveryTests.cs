using System.Text;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The image stage's share of the crash-injection scenario (<see cref="CrashRecoveryTests"/> runs the articles'): a
/// process that dies after a storage request of an image's publish or takedown (every other one by default, every one
/// with <c>SERVERLESS_CRASH_EVERY_REQUEST=1</c>), then the blob trigger's redelivery in a restarted process, ends where
/// a run without the crash ends: the same files in the media container, the same
/// media row and status, the same page.
/// </summary>
public sealed class ImageCrashRecoveryTests(AzuriteFixture azurite)
{
    private const string PhotoBlob = "2026/12/pier.jpg";

    private const string Story = """
        ---
        title: The pier
        ---
        The pier reopened.

        ![The pier at noon](pier.jpg)
        """;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Small enough to process in a tenth of a second, large enough for three widths (320, 640, 700) in three formats.</summary>
    private static readonly byte[] Photo = TestPhotos.Jpeg(700, 500);

    [Fact]
    public async Task A_crash_after_any_request_of_an_image_publish_is_finished_by_the_redelivery()
    {
        var (requests, expected) = await RunAsync(deleteFirst: false, crashAfter: null);
        Assert.Contains("<picture>", expected, StringComparison.Ordinal);

        await AssertEveryCrashConvergesAsync(requests, expected, crashAfter => RunAsync(deleteFirst: false, crashAfter), firstCrash: 1);
    }

    [Fact]
    public async Task A_crash_after_any_request_of_an_image_takedown_is_finished_by_the_redelivery()
    {
        var (requests, expected) = await RunAsync(deleteFirst: true, crashAfter: null);
        Assert.Contains("<p>The pier at noon</p>", expected, StringComparison.Ordinal);

        await AssertEveryCrashConvergesAsync(requests, expected, crashAfter => RunAsync(deleteFirst: true, crashAfter), firstCrash: 2);
    }

    /// <summary>
    /// Whether every position is crashed (<c>SERVERLESS_CRASH_EVERY_REQUEST=1</c>, as for <see cref="CrashRecoveryTests"/>);
    /// by default every other one, the publish the odd ones and the takedown the even ones, which keeps CI within its time.
    /// </summary>
    private static readonly int Step = Environment.GetEnvironmentVariable("SERVERLESS_CRASH_EVERY_REQUEST") == "1" ? 1 : 2;

    /// <summary>Runs a crash after every <see cref="Step"/>th request of the run from <paramref name="firstCrash"/>, <see cref="Lanes"/> at a time, each on storage of its own.</summary>
    private static async Task AssertEveryCrashConvergesAsync(int requests, string expected, Func<int, Task<(int Requests, string State)>> run, int firstCrash)
    {
        var positions = Enumerable.Range(1, requests - 1).Where(crashAfter => Step == 1 || crashAfter % Step == firstCrash % Step).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"Stage 1 makes {requests} storage requests; a crash after {positions.Count} of the first {requests - 1}.");
        var differences = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(positions, new ParallelOptions { MaxDegreeOfParallelism = Lanes, CancellationToken = Cancellation }, async (crashAfter, _) =>
        {
            var (_, state) = await run(crashAfter);
            if (state != expected)
            {
                differences.Add($"crash after request {crashAfter} of {requests}:\n{state}");
            }
        });
        Assert.True(differences.IsEmpty, $"{differences.Count} differences; expected:\n{expected}\nfirst:\n{differences.FirstOrDefault()}");
    }

    /// <summary>Crashed runs at once: most of a run's time is spent waiting for Azurite, not computing.</summary>
    private const int Lanes = 4;

    /// <summary>
    /// On storage of its own, the article published; then the image uploaded (and, with <paramref name="deleteFirst"/>,
    /// published and deleted) and stage 1 run in a process that dies after <paramref name="crashAfter"/> requests;
    /// then a restarted process gets the blob trigger again and drains the render queue. Returns the requests of the
    /// crashed (or whole) stage 1 and the state at the end.
    /// </summary>
    private async Task<(int Requests, string State)> RunAsync(bool deleteFirst, int? crashAfter)
    {
        var settings = TestSite.StorageSettings(azurite.ConnectionString);
        settings["Site:ServerCacheSeconds"] = "0";
        await using (var setup = new TestSite(azurite.ConnectionString, settings))
        {
            await setup.PublishAsync("2026/12/pier.md", Story);
            if (deleteFirst)
            {
                await setup.PublishBytesAsync(PhotoBlob, Photo);
                await setup.Articles.DeleteBlobAsync(PhotoBlob, cancellationToken: Cancellation);
            }
        }
        var crash = new InjectedCrash();
        int requests;
        await using (var process = new TestSite(azurite.ConnectionString, settings, fault: crash))
        {
            var blob = process.Articles.GetBlobClient(PhotoBlob);
            if (!deleteFirst)
            {
                await blob.UploadAsync(BinaryData.FromBytes(Photo), overwrite: true, Cancellation);
            }
            process.Requests.Reset();
            if (crashAfter is { } count)
            {
                crash.Arm(count);
            }
            try
            {
                await process.TriggerIngestAsync(blob);
            }
            catch (Exception exception) when (crash.Crashed && exception is InjectedCrashException || exception.InnerException is InjectedCrashException)
            {
            }
            requests = process.Requests.Total;
        }
        await using var restarted = new TestSite(azurite.ConnectionString, settings);
        await restarted.TriggerIngestAsync(restarted.Articles.GetBlobClient(PhotoBlob));
        await restarted.DrainRenderQueueAsync();
        return (requests, await StateAsync(restarted));
    }

    /// <summary>The media container's files, the media row, and the page, with the instants of the run blanked out.</summary>
    private static async Task<string> StateAsync(TestSite site)
    {
        var state = new StringBuilder();
        await foreach (var blob in site.Get<StorageClients>().Media.GetBlobsAsync(cancellationToken: Cancellation))
        {
            state.Append(blob.Name).Append(' ').Append(blob.Properties.ContentLength).Append(' ').Append(blob.Properties.ContentType).Append('\n');
        }
        var row = await site.Get<MediaStore>().GetAsync(PhotoBlob, Cancellation);
        state.Append("row ").Append(row?.MediaBlob).Append(' ').Append(row?.VariantsJson).Append(' ').Append(row?.ShareBlob).Append('\n');
        state.Append(PublicAnswers.Blanked((await site.GetPageAsync("the-pier")).Body));
        return state.ToString();
    }
}
