using System.Diagnostics;
using System.Net;
using Serverless.LocalServer.Publishing;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// <c>delete BLOB…</c>: unpublishes by deleting the article's blob, as any storage client would, reports the deletion
/// to the server's Event Grid webhook, then waits until the site has let it go: its page on the local server answers
/// 410 Gone (or, for a blob never published, its record is gone).
/// </summary>
public static class DeleteCommand
{
    /// <param name="Outcome">deleted, missing or timed-out.</param>
    public sealed record BlobResult(string Blob, string Outcome, string? Slug, string? Url, string? Problem);

    public static async Task<int> RunAsync(ServerSession session, IReadOnlyList<string> blobNames, TimeSpan wait, CommandOutput output, CancellationToken cancellationToken)
    {
        output.Line(session.Describe());
        var results = new List<BlobResult>();
        foreach (var name in blobNames)
        {
            var blobName = ArticleUploader.WithBlobSeparators(name).TrimStart('/');
            var before = await session.Status.ForBlobAsync(blobName, cancellationToken);
            if (!await session.Uploader.DeleteAsync(blobName, cancellationToken))
            {
                results.Add(new BlobResult(blobName, "missing", null, null, $"articles/{blobName}: no such blob; `list` shows what is uploaded."));
                output.Line(results[^1].Problem!);
                continue;
            }
            if (session.Admin is { } admin)
            {
                // As Event Grid does on Azure: the server unpublishes at once instead of at its next reconciliation.
                if (await admin.ReportDeletedAsync(session.Uploader.UriOf(blobName), cancellationToken) is { } notProcessed)
                {
                    output.Warn($"articles/{blobName}: the server could not process the deletion at once ({notProcessed}); its next reconciliation will.");
                }
            }
            // A page only for an article that was served (not a draft, an image or a failed first upload).
            var url = before is { Slug: { } slug, Url: not null } ? $"{session.BaseUrl}/articles/{slug}" : null;
            // What is printed is what was waited for: the page answering 410 on the server (whose in-memory copy of a
            // page lives Site:ServerCacheSeconds), else the blob's record gone (never published, or no local server).
            var answersGone = url is not null && session.Server is not null;
            var gone = answersGone
                ? await WaitUntilGoneAsync(session, $"/articles/{before!.Slug}", wait, cancellationToken)
                : await WaitUntilForgottenAsync(session, blobName, wait, cancellationToken);
            results.Add(gone
                ? new BlobResult(blobName, "deleted", before?.Slug, url, null)
                : new BlobResult(blobName, "timed-out", before?.Slug, url, answersGone
                    ? $"articles/{blobName} was deleted, but {url} did not answer 410 Gone within {wait.TotalSeconds:0} s: the server's log says why."
                    : $"articles/{blobName} was deleted, but the site had not let it go within {wait.TotalSeconds:0} s: the server's log says why."));
            output.Line(!gone ? results[^1].Problem!
                : url is null ? $"articles/{blobName}: deleted"
                : answersGone ? $"articles/{blobName}: deleted; {url} now answers 410 Gone"
                : $"articles/{blobName}: deleted; {url} answers 410 Gone once the site's caches let it go");
        }
        output.Document(new { server = session.DescribeJson(), blobs = results });
        return results.All(result => result.Outcome == "deleted") ? ExitCodes.Success : ExitCodes.AuthorError;
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls the running server's page at <paramref name="path"/> until it answers 410 Gone.</summary>
    private static async Task<bool> WaitUntilGoneAsync(ServerSession session, string path, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(LocalServerApp.ReachableUrl(session.Server!.Urls[0])), Timeout = AdminApiClient.RequestTimeout };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < wait && session.ServerIsRunning)
        {
            using (var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                if (response.StatusCode == HttpStatusCode.Gone)
                {
                    return true;
                }
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
        return false;
    }

    private static async Task<bool> WaitUntilForgottenAsync(ServerSession session, string blobName, TimeSpan wait, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < wait && session.ServerIsRunning)
        {
            if (await session.Status.ForBlobAsync(blobName, cancellationToken) is null)
            {
                return true;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
        return false;
    }
}
