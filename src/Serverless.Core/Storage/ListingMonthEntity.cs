using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// A row of the index of the listing's months (partition <see cref="TableKeys.ListingMonthsPartition"/> of
/// <c>articlesbydate</c>). Each month that holds or held an article has two, as tables read in ascending key order
/// only: one among the rows read newest month first, one among those read oldest month first.
/// </summary>
public sealed class ListingMonthEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.ListingMonthsPartition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The month, <c>yyyy-MM</c>.</summary>
    public string Month { get; set; } = string.Empty;

    /// <summary>Both index rows of <paramref name="month"/>.</summary>
    public static IReadOnlyList<ListingMonthEntity> For(ListingMonth month) =>
    [
        new() { RowKey = TableKeys.ListingMonthNewestFirstRow(month), Month = month.ToString() },
        new() { RowKey = TableKeys.ListingMonthOldestFirstRow(month), Month = month.ToString() },
    ];
}
