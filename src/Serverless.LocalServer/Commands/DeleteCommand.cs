using System.Diagnostics;
using Serverless.LocalServer.Publishing;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// <c>delete BLOB…</c>: unpublishes by deleting the article's blob, as any storage client would, reports the deletion
/// to the server's Event Grid webhook, then waits until the site has let it go (its URL then answers 410 Gone).
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
            var blobName = name.Replace('\\', '/').TrimStart('/');
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
            var gone = await WaitUntilForgottenAsync(session, blobName, wait, cancellationToken);
            var url = before?.Slug is { } slug ? $"{session.BaseUrl}/articles/{slug}" : null;
            results.Add(gone
                ? new BlobResult(blobName, "deleted", before?.Slug, url, null)
                : new BlobResult(blobName, "timed-out", before?.Slug, url, $"articles/{blobName} was deleted, but the site had not let it go within {wait.TotalSeconds:0} s: the server's log says why."));
            output.Line(gone
                ? $"articles/{blobName}: deleted{(url is null ? "" : $"; {url} now answers 410 Gone")}"
                : results[^1].Problem!);
        }
        output.Document(new { server = session.DescribeJson(), blobs = results });
        return results.All(result => result.Outcome == "deleted") ? ExitCodes.Success : ExitCodes.AuthorError;
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
            await Task.Delay(100, cancellationToken);
        }
        return false;
    }
}
