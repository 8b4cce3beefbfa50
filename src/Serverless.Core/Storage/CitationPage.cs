namespace Serverless.Core.Storage;

/// <summary>One page of a citations partition, newest citing article first, and the RowKey to continue after when there are more.</summary>
public sealed record CitationPage(IReadOnlyList<CitationEntity> Rows, string? ContinueAfter)
{
    /// <summary>The page of <paramref name="pageSize"/> from rows read one beyond it, which tells whether another follows.</summary>
    public static CitationPage Of(IReadOnlyList<CitationEntity> rows, int pageSize) =>
        rows.Count > pageSize ? new CitationPage([.. rows.Take(pageSize)], rows[pageSize - 1].RowKey) : new CitationPage(rows, null);
}
