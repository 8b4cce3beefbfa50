using System.Diagnostics;
using System.Globalization;
using Serverless.Core.Http;
using Serverless.Core.Sharing;
using Serverless.LocalServer.Publishing;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// <c>preview BLOB|FILE [--open]</c>: how an article will look on each platform, and what will break, for an uploaded
/// blob or for a local file before it is uploaded (read against the site's storage, as an upload now would be).
/// <c>--open</c> opens the share preview page of an uploaded blob in the browser.
/// </summary>
public static class PreviewCommand
{
    public static async Task<int> RunAsync(ServerSession session, string blobOrFile, bool open, CommandOutput output, CancellationToken cancellationToken)
    {
        output.Aside(session.Describe());
        var isFile = File.Exists(blobOrFile);
        var blobName = isFile ? ArticleUploader.WithBlobSeparators(Path.GetFileName(blobOrFile)) : blobOrFile;
        var outcome = isFile
            ? await session.SharePreviewer.PreviewContentAsync(blobName, await File.ReadAllBytesAsync(blobOrFile, cancellationToken), cancellationToken)
            : await session.SharePreviewer.PreviewAsync(blobName, cancellationToken);
        if (outcome.Share is not { } preview)
        {
            return output.Fail(ExitCodes.AuthorError, outcome.Page.Problem is { } problem
                ? $"{blobOrFile}: {problem}"
                : $"No file or uploaded blob is named '{blobOrFile}': `list` shows the uploaded ones.");
        }
        foreach (var card in preview.Platforms)
        {
            output.Line(Describe(card));
        }
        foreach (var warning in preview.Warnings)
        {
            output.Line(Describe(warning));
        }
        if (preview.Warnings.Count == 0)
        {
            output.Line("No warning: nothing will be cut, shrunk or dropped.");
        }
        string? page = null;
        if (open)
        {
            if (isFile)
            {
                output.Warn($"--open shows uploaded articles: upload {blobOrFile} (a draft, with 'draft: true', stays private) to see its page.");
            }
            else
            {
                page = SharePreviewPage(session.Server?.Urls[0], session.BaseUrl, blobName);
                output.Line("Opening " + page + " (sign in with the admin key if asked)");
                OpenInBrowser(page);
            }
        }
        output.Document(new { server = session.DescribeJson(), blob = blobName, page, preview });
        return ExitCodes.Success;
    }

    /// <summary>
    /// The share preview page of <paramref name="blobName"/>, at a URL that holds no key: the local server's sign-in
    /// page guards its <c>/admin/</c>; on Azure the host owns <c>/admin/</c>, and a browser signs in with Microsoft
    /// Entra ID at the signed-in author pages (the function key would have to go in the URL).
    /// </summary>
    /// <param name="localServer">The running local server's address; null when the commands act on a storage account.</param>
    public static string SharePreviewPage(string? localServer, string publicBaseUrl, string blobName) =>
        (localServer is not null ? localServer.TrimEnd('/') + "/" + Routes.AuthorPages : publicBaseUrl + "/" + Routes.FunctionsSignedInAuthorPages)
        + Routes.AuthorSharePreview + "?blob=" + Uri.EscapeDataString(blobName);

    /// <summary>"facebook: "Title" · "Description" · image large 1200×630 · news.example.com".</summary>
    public static string Describe(PlatformCard card)
    {
        var parts = new List<string>();
        if (card.Title is not null)
        {
            parts.Add($"\"{card.Title}\"");
        }
        if (card.Description is not null)
        {
            parts.Add($"\"{card.Description}\"");
        }
        if (card.Image is { } image)
        {
            var size = image is { Width: { } width, Height: { } height } ? string.Create(CultureInfo.InvariantCulture, $" {width}×{height}") : string.Empty;
            parts.Add(image.Display switch
            {
                ImageDisplay.Large => "image large" + size,
                ImageDisplay.SmallSquare => "image as a small square" + size,
                _ => "no image",
            });
        }
        parts.Add(card.Domain);
        return $"{card.Platform}: {string.Join(" · ", parts)}";
    }

    /// <summary>"warning google title-cut: what happens. What to change."</summary>
    public static string Describe(ShareWarning warning) => $"warning {warning.Platform} {warning.Rule}: {warning.Message} {warning.Fix}";

    private static void OpenInBrowser(string url)
    {
        try
        {
            using var browser = Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No browser to hand it to (a server, a container): the line above says where it is.
        }
    }
}
