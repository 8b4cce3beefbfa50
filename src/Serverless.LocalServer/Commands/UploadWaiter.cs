using System.Diagnostics;
using Serverless.Core.Admin;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// Waits until both stages have processed each upload's very content (its MD5, as ingest records it), another upload
/// has replaced it, or nothing more has been processed for the wait given. A bounded poll, whatever the number of
/// files: each pass reads the statuses of at most <see cref="FilesPerPass"/> waiting files, oldest upload first (the
/// server takes uploads roughly in order), <see cref="StatusesAtOnce"/> at a time, passes
/// <see cref="PassInterval"/> apart; a file still waiting goes to the back of the line.
/// </summary>
internal sealed class UploadWaiter(ServerSession session, TimeSpan wait, UploadProgress progress, bool shareWarnings = false)
{
    public const int FilesPerPass = 32;
    public const int StatusesAtOnce = 16;
    public static readonly TimeSpan PassInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a file's blob is read to see whether a newer upload replaced it (one storage request).</summary>
    private static readonly TimeSpan BlobCheckInterval = TimeSpan.FromMilliseconds(500);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Calls <paramref name="finished"/> once for every upload, with how it ended.</summary>
    public async Task WaitAsync(IEnumerable<PendingUpload> uploads, Action<PendingUpload, UploadCommand.FileResult> finished, CancellationToken cancellationToken)
    {
        var waiting = new Queue<WaitingUpload>(uploads.OrderBy(upload => upload.Index).Select(upload => new WaitingUpload(upload) { NextBlobCheck = BlobCheckInterval }));
        var sinceProgress = Stopwatch.StartNew();
        while (waiting.Count > 0 && sinceProgress.Elapsed < wait && session.ServerIsRunning)
        {
            var batch = Enumerable.Range(0, Math.Min(FilesPerPass, waiting.Count)).Select(_ => waiting.Dequeue()).ToList();
            var outcomes = new CheckOutcome[batch.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), new ParallelOptions { MaxDegreeOfParallelism = StatusesAtOnce, CancellationToken = cancellationToken },
                async (index, token) => outcomes[index] = await CheckAsync(batch[index], token));
            for (var index = 0; index < batch.Count; index++)
            {
                if (outcomes[index].Progressed)
                {
                    sinceProgress.Restart();
                }
                if (outcomes[index].Result is { } result)
                {
                    finished(batch[index].Upload, result);
                }
                else
                {
                    waiting.Enqueue(batch[index]);
                }
            }
            if (waiting.Count > 0)
            {
                await Task.Delay(PassInterval, cancellationToken);
            }
        }
        var running = session.ServerIsRunning;
        foreach (var upload in waiting)
        {
            finished(upload.Upload, TimedOut(upload, running));
        }
    }

    private async Task<CheckOutcome> CheckAsync(WaitingUpload waiting, CancellationToken cancellationToken)
    {
        var blob = waiting.Upload.Blob;
        var status = waiting.LastStatus = await session.Status.ForBlobAsync(blob, cancellationToken);
        var progressed = false;
        if (status?.ContentMd5 == waiting.Upload.Md5)
        {
            if (!waiting.Ingested)
            {
                waiting.Ingested = progressed = true;
                progress.Ingested();
            }
            if (status.State != PublicationState.Rendering)
            {
                var result = Result(waiting, waiting.Upload.Unchanged ? "unchanged" : "uploaded", status, null);
                if (shareWarnings && status.State is PublicationState.Published or PublicationState.Draft or PublicationState.Scheduled
                    && Core.Ingest.ArticleIngester.IsArticle(blob))
                {
                    result = result with { ShareWarnings = (await session.SharePreviewAsync(blob, cancellationToken))?.Warnings };
                }
                return new CheckOutcome(result, Progressed: true);
            }
        }
        else if (_clock.Elapsed >= waiting.NextBlobCheck)
        {
            waiting.NextBlobCheck = _clock.Elapsed + BlobCheckInterval;
            if (await session.Uploader.CurrentMd5Async(blob, cancellationToken) != waiting.Upload.Md5)
            {
                return new CheckOutcome(Result(waiting, "superseded", null,
                    $"articles/{blob} was replaced by another upload before this one was published; `status {blob}` shows the newer one."), Progressed: true);
            }
        }
        return new CheckOutcome(null, progressed);
    }

    private static UploadCommand.FileResult Result(WaitingUpload waiting, string outcome, PublicationStatus? status, string? problem) =>
        new(waiting.Upload.File, waiting.Upload.Blob, outcome, status, problem);

    private UploadCommand.FileResult TimedOut(WaitingUpload waiting, bool serverRunning)
    {
        var blob = waiting.Upload.Blob;
        var status = waiting.LastStatus;
        if (!serverRunning)
        {
            return Result(waiting, "timed-out", null, "The local server stopped before publishing it.");
        }
        return status?.ContentMd5 == waiting.Upload.Md5
            ? Result(waiting, "timed-out", status,
                $"Ingested, but its page was not rendered within {wait.TotalSeconds:0} s: the server's log says why; `status {blob}` shows where it stands.")
            : Result(waiting, "timed-out", null,
                $"Not processed within {wait.TotalSeconds:0} s{(status is null ? "" : " (the status shown is still that of the previous upload)")}: the server's log says why; `status {blob}` shows where it stands.");
    }
}
