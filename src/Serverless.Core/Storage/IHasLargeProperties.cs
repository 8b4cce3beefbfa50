using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>A row of an article's partition whose long values may be kept in blobs (<see cref="Storage.LargeProperties"/>).</summary>
public interface IHasLargeProperties<TSelf> : ITableEntity where TSelf : IHasLargeProperties<TSelf>
{
    /// <summary>The properties that can outgrow a table property.</summary>
    static abstract IReadOnlyList<LargeProperty<TSelf>> LargeProperties { get; }

    /// <summary>Starts the names of the row's value blobs: two rows holding the same value never share a blob.</summary>
    static abstract string ValueBlobPrefix { get; }

    string Slug { get; }

    /// <summary>The blobs holding the row's large values as last read or written, by property.</summary>
    IReadOnlyDictionary<string, string> StoredReferences { get; set; }
}
