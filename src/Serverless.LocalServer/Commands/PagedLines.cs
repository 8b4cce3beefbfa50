using Serverless.Core.Admin;

namespace Serverless.LocalServer.Commands;

/// <summary>An admin listing printed a line per item as its pages come, read to the last page.</summary>
internal static class PagedLines
{
    /// <summary>Prints every item (or <paramref name="whenNone"/>); returns them all for <c>--json</c>, where they are kept (only there).</summary>
    public static async Task<IReadOnlyList<T>> WriteAsync<T>(CommandOutput output, Func<string?, CancellationToken, Task<AdminPage<T>>> readPage,
        Func<T, string> line, string whenNone, CancellationToken cancellationToken)
    {
        var kept = new List<T>();
        var any = false;
        await foreach (var page in AdminPaging.ReadAllAsync(readPage, cancellationToken))
        {
            foreach (var item in page.Items)
            {
                any = true;
                output.Line(line(item));
            }
            if (output.IsJson)
            {
                kept.AddRange(page.Items);
            }
        }
        if (!any)
        {
            output.Line(whenNone);
        }
        return kept;
    }
}
