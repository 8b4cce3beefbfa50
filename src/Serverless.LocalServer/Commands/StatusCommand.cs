using System.Globalization;
using Serverless.Core.Admin;
using Serverless.LocalServer.Publishing;

namespace Serverless.LocalServer.Commands;

/// <summary><c>status BLOB|SLUG</c>: the whole record of one article: state, message, warnings, URL.</summary>
public static class StatusCommand
{
    public static async Task<int> RunAsync(ServerSession session, string blobOrSlug, CommandOutput output, CancellationToken cancellationToken)
    {
        output.Line(session.Describe());
        var status = await FindAsync(session, blobOrSlug, cancellationToken);
        if (status is null)
        {
            return output.Fail(ExitCodes.AuthorError, $"No uploaded article has the blob name or slug '{blobOrSlug}': `list` shows them all.");
        }
        output.Line($"blob:      articles/{status.BlobName}");
        output.Line($"state:     {StatusText.Name(status.State)}");
        if (status.Title is not null)
        {
            output.Line($"title:     {status.Title}");
        }
        if (status.Slug is not null)
        {
            output.Line($"slug:      {status.Slug}{status.SlugSource switch
            {
                Core.Articles.SlugSource.FrontMatter => " (set in front matter)",
                Core.Articles.SlugSource.Published => " (kept from first publication; set 'slug:' to move it)",
                Core.Articles.SlugSource.Title => " (made from the title)",
                _ => string.Empty,
            }}");
        }
        if (status.Url is not null)
        {
            output.Line($"url:       {status.Url}");
        }
        if (status.Message is not null)
        {
            output.Line($"message:   {status.Message}");
        }
        if (status.PreviousVersionServed)
        {
            output.Line("served:    the version published before");
        }
        output.Line($"processed: {status.ProcessedAt.ToString("u", CultureInfo.InvariantCulture)}");
        foreach (var warning in status.Warnings)
        {
            output.Line($"warning:   {warning}");
        }
        output.Document(new { server = session.DescribeJson(), article = status });
        return StatusText.ExitCodeOf(status.State);
    }

    /// <summary>A blob name first (what the author uploaded), then a slug (what readers see).</summary>
    internal static async Task<PublicationStatus?> FindAsync(ServerSession session, string blobOrSlug, CancellationToken cancellationToken) =>
        await session.Status.ForBlobAsync(ArticleUploader.WithBlobSeparators(blobOrSlug).TrimStart('/'), cancellationToken)
        ?? await session.Status.ForSlugAsync(blobOrSlug.Trim('/'), cancellationToken);
}
