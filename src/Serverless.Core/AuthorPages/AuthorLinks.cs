using Serverless.Core.Http;

namespace Serverless.Core.AuthorPages;

/// <summary>
/// Where the author pages link: relative to the pages' own folder (<c>/admin/</c> locally, <c>/api/admin/pages/</c>
/// on Azure, see <see cref="Routes.AuthorPages"/>) so the same pages work under both; the admin API at its one path.
/// </summary>
public static class AuthorLinks
{
    /// <summary>The folder's index, wherever the pages are mounted.</summary>
    public const string Dashboard = "./";

    public static string SharePreview(string blobName) => "share-preview?blob=" + Uri.EscapeDataString(blobName);

    public static string PagePreview(string blobName) => "/" + Routes.AdminPreview + "?blob=" + Uri.EscapeDataString(blobName);

    public static string SharePreviewJson(string blobName) => "/" + Routes.AdminSharePreview + "?blob=" + Uri.EscapeDataString(blobName);
}
