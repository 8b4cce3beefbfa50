using System.Collections.Concurrent;
using System.Security.Cryptography;
using Serverless.Core.Admin;
using Serverless.Core.Sharing;
using Serverless.LocalServer.Publishing;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// <c>upload FILE|FOLDER…</c>: puts articles into the container (a folder's articles recursively, under their relative
/// names), <see cref="UploadsAtOnce"/> at a time, images first, then waits for each to go through both stages and
/// reports its URL, or why it is not published. A run of more than <see cref="LinePerFileUpTo"/> files prints progress
/// lines and only the files that did not end published, then a summary.
/// </summary>
public static class UploadCommand
{
    /// <summary>Files uploaded (and reported to the server) at once.</summary>
    public const int UploadsAtOnce = 16;

    /// <summary>Runs of up to this many files print every file's outcome; longer ones print progress instead.</summary>
    public const int LinePerFileUpTo = 20;

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    /// <summary>What became of one file.</summary>
    /// <param name="Outcome">uploaded, unchanged (same content already there), missing, not-an-article, superseded or timed-out.</param>
    /// <param name="ShareWarnings">What the platforms will cut, shrink or drop when the article is shared (see the share preview); null when not read.</param>
    public sealed record FileResult(string File, string? Blob, string Outcome, PublicationStatus? Status, string? Problem, IReadOnlyList<ShareWarning>? ShareWarnings = null);

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

        // Images first: an article then finds the images it shows already published, rather than warning and re-rendering.
        var files = Expand(paths, prefix).OrderBy(file => ArticleUploader.IsImage(file.File) ? 0 : 1).ToList();
        if (files.Count == 0)
        {
            return output.Fail(ExitCodes.AuthorError, $"No article or image to upload in {string.Join(", ", paths)}: articles and images are {string.Join(", ", ArticleUploader.PublishedExtensions)} files.");
        }
        foreach (var warning in files.Select(file => file.Warning).OfType<string>())
        {
            output.Warn(warning);
        }
        var longRun = files.Count > LinePerFileUpTo;
        var progress = new UploadProgress(files.Count);
        var results = new FileResult?[files.Count];
        var printed = 0;
        var printing = new Lock();
        void Finish(int index, FileResult result)
        {
            progress.Finished(result);
            // Printed in the order of the files, each as soon as the ones before it are.
            lock (printing)
            {
                results[index] = result;
                while (printed < results.Length && results[printed] is { } next)
                {
                    if (!longRun || !EndedWell(next))
                    {
                        Report(output, next);
                    }
                    printed++;
                }
            }
        }

        using var stopProgress = new CancellationTokenSource();
        var progressLines = longRun ? PrintProgressAsync(output, progress, stopProgress.Token) : Task.CompletedTask;
        try
        {
            var pending = await UploadAllAsync(session, files, output, progress, Finish, cancellationToken);
            if (longRun)
            {
                output.Progress(progress.Line());
            }
            // A long run prints only what went wrong: its share warnings are left to `preview`, one request per article saved.
            await new UploadWaiter(session, wait, progress, shareWarnings: !longRun).WaitAsync(pending, (upload, result) => Finish(upload.Index, result), cancellationToken);
        }
        finally
        {
            await stopProgress.CancelAsync();
            await progressLines;
        }
        if (!session.ServerIsRunning)
        {
            return output.Fail(ExitCodes.NoServer, "The local server stopped while uploading.");
        }
        var all = results.Select(result => result!).ToList();
        if (all.Count > 1)
        {
            output.Line(progress.Summary(all));
        }
        if (longRun)
        {
            // Said, not silently skipped: the author knows where to look.
            output.Line(ShareWarningsLeftToPreview);
        }
        output.Document(new { server = session.DescribeJson(), files = all });
        return all.All(EndedWell) ? ExitCodes.Success : ExitCodes.AuthorError;
    }

    public static readonly string ShareWarningsLeftToPreview =
        $"Share warnings are read for runs of up to {LinePerFileUpTo} files: `preview BLOB` shows what each platform will cut, shrink or drop.";

    private static bool EndedWell(FileResult result) =>
        result.Problem is null && result.Status is { State: PublicationState.Published or PublicationState.Draft or PublicationState.Scheduled };

    /// <summary>
    /// Uploads the files <see cref="UploadsAtOnce"/> at a time, every image before any article; a file that cannot be
    /// uploaded is <paramref name="finished"/> at once. Returns the uploads to wait for.
    /// </summary>
    private static async Task<IReadOnlyCollection<PendingUpload>> UploadAllAsync(ServerSession session, List<UploadFile> files, CommandOutput output,
        UploadProgress progress, Action<int, FileResult> finished, CancellationToken cancellationToken)
    {
        var pending = new ConcurrentBag<PendingUpload>();
        var images = files.Count(file => ArticleUploader.IsImage(file.File));
        foreach (var phase in new[] { Enumerable.Range(0, images), Enumerable.Range(images, files.Count - images) })
        {
            await Parallel.ForEachAsync(phase, new ParallelOptions { MaxDegreeOfParallelism = UploadsAtOnce, CancellationToken = cancellationToken }, async (index, token) =>
            {
                if (files[index] is { Blob: null } problem)
                {
                    finished(index, new FileResult(problem.File, null, problem.ProblemOutcome!, null, problem.Problem));
                    return;
                }
                pending.Add(await UploadAsync(session, index, files[index], output, token));
                progress.Uploaded();
            });
        }
        return pending;
    }

    /// <summary>Uploads one file (unless the blob holds its content already) and reports it, as Event Grid would.</summary>
    private static async Task<PendingUpload> UploadAsync(ServerSession session, int index, UploadFile file, CommandOutput output, CancellationToken cancellationToken)
    {
        var blobName = file.Blob!;
        var content = await File.ReadAllBytesAsync(file.File, cancellationToken);
        var uploaded = await session.Uploader.UploadAsync(blobName, content, overwrite: true, cancellationToken);
        if (uploaded == ArticleUploader.Outcome.Uploaded && session.Admin is { } admin)
        {
            // As Event Grid does on Azure: stage 1 runs now instead of at the server's next reconciliation.
            if (await admin.ReportCreatedAsync(session.Uploader.UriOf(blobName), cancellationToken) is { } notProcessed)
            {
                output.Warn($"articles/{blobName}: the server could not process the upload at once ({notProcessed}); its next reconciliation will.");
            }
        }
#pragma warning disable CA5351 // Ingest's change detector, not a security use.
        var md5 = Convert.ToBase64String(MD5.HashData(content));
#pragma warning restore CA5351
        return new PendingUpload(index, file.File, blobName, md5, Unchanged: uploaded == ArticleUploader.Outcome.Unchanged);
    }

    private static async Task PrintProgressAsync(CommandOutput output, UploadProgress progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                output.Progress(progress.Line());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The files named, folders expanded to their articles, each with its blob name or what is wrong with it.</summary>
    private static IEnumerable<UploadFile> Expand(IReadOnlyList<string> paths, string prefix)
    {
        UploadFile ToUpload(string file, string relative)
        {
            var blob = ArticleUploader.WithBlobSeparators(prefix.Length == 0 ? relative : $"{prefix}/{relative}");
            return new UploadFile(file, blob, Warning: ArticleUploader.StorageSplits(relative)
                ? $"{file}: Azure Storage turns the '\\' of a blob name into '/', so it is uploaded as articles/{blob}, in folders; rename the file to keep it in one."
                : null);
        }
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(ArticleUploader.IsPublished).Order(StringComparer.Ordinal))
                {
                    yield return ToUpload(file, Path.GetRelativePath(full, file));
                }
            }
            else if (!File.Exists(full))
            {
                yield return new UploadFile(full, null, "missing", $"{full}: no such file or folder");
            }
            else if (!ArticleUploader.IsPublished(full))
            {
                yield return new UploadFile(full, null, "not-an-article", $"{full}: not an article or an image; those are {string.Join(", ", ArticleUploader.PublishedExtensions)} files");
            }
            else
            {
                yield return ToUpload(full, Path.GetFileName(full));
            }
        }
    }

    /// <summary>A file's lines: where it went, then how it was published and its warnings, or what went wrong.</summary>
    private static void Report(CommandOutput output, FileResult result)
    {
        if (result.Blob is not null)
        {
            output.Line($"{Path.GetRelativePath(Directory.GetCurrentDirectory(), result.File)} → articles/{result.Blob}: {(result.Outcome == "unchanged" ? "unchanged" : "uploaded")}");
        }
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
            foreach (var warning in result.ShareWarnings ?? [])
            {
                output.Line("  " + PreviewCommand.Describe(warning));
            }
        }
    }
}
