using System.Diagnostics;
using System.Security.Cryptography;
using Serverless.Core.Admin;
using Serverless.LocalServer.Publishing;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// <c>upload FILE|FOLDER…</c>: puts articles into the container (a folder's articles recursively, under their relative
/// names), then waits for each to go through both stages and reports its URL, or why it is not published.
/// </summary>
public static class UploadCommand
{
    /// <summary>What became of one file.</summary>
    /// <param name="Outcome">uploaded, unchanged (same content already there), missing, not-an-article, superseded or timed-out.</param>
    public sealed record FileResult(string File, string? Blob, string Outcome, PublicationStatus? Status, string? Problem);

    public static async Task<int> RunAsync(ServerSession session, IReadOnlyList<string> paths, string? folder, TimeSpan wait, CommandOutput output, CancellationToken cancellationToken)
    {
        string prefix;
        try
        {
            prefix = ArticleUploader.NormalizeFolder(folder);
        }
        catch (ArgumentException exception)
        {
            return output.Fail(ExitCodes.AuthorError, exception.Message);
        }
        output.Line(session.Describe());

        var results = new List<FileResult>();
        // Images first: an article then finds the images it shows already published, rather than warning and re-rendering.
        foreach (var (file, blobName, problem) in Expand(paths, prefix).OrderBy(entry => ArticleUploader.IsImage(entry.File) ? 0 : 1))
        {
            if (problem is not null)
            {
                results.Add(Report(output, new FileResult(file, blobName, problem.Value.Outcome, null, problem.Value.Message)));
                continue;
            }
            var content = await File.ReadAllBytesAsync(file, cancellationToken);
            var uploaded = await session.Uploader.UploadAsync(blobName!, content, overwrite: true, cancellationToken);
            if (uploaded == ArticleUploader.Outcome.Uploaded && session.Admin is { } admin)
            {
                // As Event Grid does on Azure: stage 1 runs now instead of at the server's next reconciliation.
                if (await admin.ReportCreatedAsync(session.Uploader.UriOf(blobName!), cancellationToken) is { } notProcessed)
                {
                    output.Warn($"articles/{blobName}: the server could not process the upload at once ({notProcessed}); its next reconciliation will.");
                }
            }
            output.Line($"{Path.GetRelativePath(Directory.GetCurrentDirectory(), file)} → articles/{blobName}: {(uploaded == ArticleUploader.Outcome.Unchanged ? "unchanged" : "uploaded")}");
            var result = await WaitForOutcomeAsync(session, file, blobName!, content, wait, cancellationToken);
            results.Add(Report(output, result with { Outcome = result.Outcome == "uploaded" && uploaded == ArticleUploader.Outcome.Unchanged ? "unchanged" : result.Outcome }));
            if (!session.ServerIsRunning)
            {
                return output.Fail(ExitCodes.NoServer, "The local server stopped while uploading.");
            }
        }
        output.Document(new { server = session.DescribeJson(), files = results });

        if (results.Count == 0)
        {
            return output.Fail(ExitCodes.AuthorError, $"No article or image to upload in {string.Join(", ", paths)}: articles and images are {string.Join(", ", ArticleUploader.PublishedExtensions)} files.");
        }
        return results.Any(result => result.Problem is not null || result.Status is not { State: PublicationState.Published or PublicationState.Draft or PublicationState.Scheduled })
            ? ExitCodes.AuthorError
            : ExitCodes.Success;
    }

    /// <summary>The files named, folders expanded to their articles, each with its blob name or what is wrong with it.</summary>
    private static IEnumerable<(string File, string? Blob, (string Outcome, string Message)? Problem)> Expand(IReadOnlyList<string> paths, string prefix)
    {
        string BlobName(string relative) => prefix.Length == 0 ? relative : $"{prefix}/{relative}";
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(ArticleUploader.IsPublished).Order(StringComparer.Ordinal))
                {
                    yield return (file, BlobName(ArticleUploader.BlobNameFor(full, file)), null);
                }
            }
            else if (!File.Exists(full))
            {
                yield return (full, null, ("missing", $"{full}: no such file or folder"));
            }
            else if (!ArticleUploader.IsPublished(full))
            {
                yield return (full, null, ("not-an-article", $"{full}: not an article or an image; those are {string.Join(", ", ArticleUploader.PublishedExtensions)} files"));
            }
            else
            {
                yield return (full, BlobName(Path.GetFileName(full)), null);
            }
        }
    }

    private static FileResult Report(CommandOutput output, FileResult result)
    {
        if (result.Problem is not null)
        {
            output.Line((result.Blob is null ? "" : "  ") + result.Problem);
        }
        if (result.Status is { } status)
        {
            output.Line("  " + StatusText.Summary(status));
            foreach (var warning in status.Warnings)
            {
                output.Line("  warning: " + warning);
            }
        }
        return result;
    }

    /// <summary>
    /// Waits until both stages have processed this very content (its MD5, as ingest records it), another upload has
    /// replaced it, or time runs out; each ends in a result that says which.
    /// </summary>
    private static async Task<FileResult> WaitForOutcomeAsync(ServerSession session, string file, string blobName, byte[] content, TimeSpan wait, CancellationToken cancellationToken)
    {
#pragma warning disable CA5351 // Ingest's change detector, not a security use.
        var md5 = Convert.ToBase64String(MD5.HashData(content));
#pragma warning restore CA5351
        var clock = Stopwatch.StartNew();
        var nextBlobCheck = TimeSpan.FromMilliseconds(500);
        PublicationStatus? status = null;
        while (clock.Elapsed < wait && session.ServerIsRunning)
        {
            status = await session.Status.ForBlobAsync(blobName, cancellationToken);
            if (status?.ContentMd5 == md5 && status.State != PublicationState.Rendering)
            {
                return new FileResult(file, blobName, "uploaded", status, null);
            }
            if (clock.Elapsed > nextBlobCheck)
            {
                nextBlobCheck = clock.Elapsed + TimeSpan.FromMilliseconds(500);
                if (await session.Uploader.CurrentMd5Async(blobName, cancellationToken) != md5)
                {
                    return new FileResult(file, blobName, "superseded", null,
                        $"articles/{blobName} was replaced by another upload before this one was published; `status {blobName}` shows the newer one.");
                }
            }
            await Task.Delay(100, cancellationToken);
        }
        if (!session.ServerIsRunning)
        {
            return new FileResult(file, blobName, "timed-out", null, "The local server stopped before publishing it.");
        }
        return status?.ContentMd5 == md5
            ? new FileResult(file, blobName, "timed-out", status,
                $"Ingested, but its page was not rendered within {wait.TotalSeconds:0} s: the server's log says why; `status {blobName}` shows where it stands.")
            : new FileResult(file, blobName, "timed-out", null,
                $"Not processed within {wait.TotalSeconds:0} s{(status is null ? "" : " (the status shown is still that of the previous upload)")}: the server's log says why; `status {blobName}` shows where it stands.");
    }
}
