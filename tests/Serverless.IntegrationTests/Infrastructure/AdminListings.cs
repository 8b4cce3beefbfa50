using Serverless.Core.Admin;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>An admin listing read to its end, as the commands read it.</summary>
public static class AdminListings
{
    /// <summary>Every item of every page of <paramref name="listPage"/>, pages of <paramref name="top"/>.</summary>
    public static async Task<List<T>> AllAsync<T>(Func<int, string?, CancellationToken, Task<AdminPage<T>>> listPage, int top = AdminPaging.DefaultSize)
    {
        var items = new List<T>();
        await foreach (var page in AdminPaging.ReadAllAsync((token, ct) => listPage(top, token, ct), TestContext.Current.CancellationToken))
        {
            items.AddRange(page.Items);
        }
        return items;
    }
}
