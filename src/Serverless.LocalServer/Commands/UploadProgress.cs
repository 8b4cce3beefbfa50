using System.Diagnostics;
using System.Globalization;
using Serverless.Core.Admin;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// What an <c>upload</c> run has done so far, counted as its files go through (from several threads): the progress
/// lines of a long run and the summary at its end.
/// </summary>
internal sealed class UploadProgress(int files)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _uploaded;
    private int _ingested;
    private int _rendered;
    private int _failed;
    private int _finished;

    public void Uploaded() => Interlocked.Increment(ref _uploaded);

    public void Ingested() => Interlocked.Increment(ref _ingested);

    public void Finished(UploadCommand.FileResult result)
    {
        Interlocked.Increment(ref _finished);
        if (result.Blob is null || result.Status is { State: PublicationState.Failed } && result.Outcome is "uploaded" or "unchanged")
        {
            Interlocked.Increment(ref _failed);
        }
        else if (result.Status is not null && result.Outcome is "uploaded" or "unchanged")
        {
            Interlocked.Increment(ref _rendered);
        }
    }

    /// <summary>"  412 of 1000 uploaded, 380 ingested, 350 rendered, 3 failed; 41.2 files/s, about 16 s left".</summary>
    public string Line()
    {
        var finished = Volatile.Read(ref _finished);
        var rate = finished / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var left = finished == 0 ? "time left not known yet" : $"about {Seconds((files - finished) / rate)} left";
        return string.Create(CultureInfo.InvariantCulture,
            $"  {Volatile.Read(ref _uploaded)} of {files} uploaded, {Volatile.Read(ref _ingested)} ingested, {Volatile.Read(ref _rendered)} rendered, {Volatile.Read(ref _failed)} failed; {rate:0.0} files/s, {left}");
    }

    /// <summary>"30 files in 4.2 s (7.1 files/s): 28 published, 1 draft, 1 failed".</summary>
    public string Summary(IReadOnlyList<UploadCommand.FileResult> results)
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        var counts = results
            .GroupBy(result => result.Outcome is "uploaded" or "unchanged" && result.Status is { } status ? StatusText.Name(status.State) : Describe(result.Outcome))
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => $"{group.Count()} {group.Key}");
        var warned = results.Count(result => result.Status is { Warnings.Count: > 0 });
        return string.Create(CultureInfo.InvariantCulture,
            $"{results.Count} files in {seconds:0.0} s ({results.Count / Math.Max(seconds, 0.001):0.0} files/s): {string.Join(", ", counts)}{(warned > 0 ? $"; {warned} with warnings (`status BLOB` shows them)" : "")}");
    }

    private static string Describe(string outcome) => outcome switch
    {
        "superseded" => "replaced by a newer upload",
        "timed-out" => "timed out",
        "missing" => "missing",
        _ => "not articles",
    };

    private static string Seconds(double seconds) => seconds < 90
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(seconds):0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(seconds / 60):0} min");
}
