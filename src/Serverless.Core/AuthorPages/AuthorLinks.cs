using Serverless.Core.Http;

namespace Serverless.Core.AuthorPages;

/// <summary>
/// Where the author pages link: relative to the pages' own folder (<c>/admin/</c> locally, <c>/api/admin/pages/</c>
/// on Azure, <c>/api/admin/signed-in/</c> for Entra ID sign-in, see <see cref="Routes"/>) so the same pages work under
/// all; the admin API at its one path.
/// </summary>
public static class AuthorLinks
{
    /// <summary>The folder's index, wherever the pages are mounted.</summary>
    public const string Dashboard = "./";

    public static string SharePreview(string blobName) => "share-preview?blob=" + Uri.EscapeDataString(blobName);

    public static string PagePreview(string blobName) => Routes.AuthorPagePreview.TrimStart('/') + "?blob=" + Uri.EscapeDataString(blobName);

    public static string SharePreviewJson(string blobName) => "/" + Routes.AdminSharePreview + "?blob=" + Uri.EscapeDataString(blobName);
}
