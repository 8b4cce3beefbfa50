using System.Runtime.CompilerServices;

namespace Serverless.Core.Admin;

/// <summary>The page sizes of the admin listings, and reading one to its end.</summary>
public static class AdminPaging
{
    /// <summary>Items per page when the caller names no <c>top</c>.</summary>
    public const int DefaultSize = 100;

    /// <summary>The most a page holds: what one table query returns, and a bounded number of reads after it.</summary>
    public const int MaxSize = 1000;

    /// <summary>Every page of a listing, from the first, following the continuation tokens to the last.</summary>
    public static async IAsyncEnumerable<AdminPage<T>> ReadAllAsync<T>(Func<string?, CancellationToken, Task<AdminPage<T>>> readPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuationToken = null;
        do
        {
            var page = await readPage(continuationToken, cancellationToken);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (continuationToken is not null);
    }
}
