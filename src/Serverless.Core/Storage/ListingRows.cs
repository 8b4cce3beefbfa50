namespace Serverless.Core.Storage;

/// <summary>Rows of a newest-first listing, and the RowKey to list the next ones after (null when none follow).</summary>
public sealed record ListingRows(IReadOnlyList<ListingEntity> Items, string? Next);
