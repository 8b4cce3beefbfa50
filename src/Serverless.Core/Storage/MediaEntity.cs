using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>media</c>: PartitionKey = <see cref="TableKeys.ForBlobName"/> of an uploaded image (the key articles name it
/// by, see <see cref="Linking.ReferenceKeys.Media"/>), RowKey = <see cref="TableKeys.MediaRow"/>. What a page needs to
/// show the image: one point read per image at render time.
/// </summary>
public sealed class MediaEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = TableKeys.MediaRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string BlobName { get; set; } = string.Empty;

    /// <summary>The published copy in the media container, <c>{hash}/{name}</c>; also the path after <c>/media/</c>.</summary>
    public string MediaBlob { get; set; } = string.Empty;
    public string ContentType { get; set; } = string.Empty;
    public int Width { get; set; }
    public int Height { get; set; }
    public long Length { get; set; }
}
