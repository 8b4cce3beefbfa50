using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using Serverless.Core.Images;

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

    /// <summary>
    /// The largest variant in the fallback format (JPEG, or PNG with transparency), <c>{hash}/{name}-{width}.jpg</c>; also
    /// the path after <c>/media/</c>. Every file of this version is under <c>{hash}/</c>, a hash of the upload's name and content.
    /// </summary>
    public string MediaBlob { get; set; } = string.Empty;
    public string ContentType { get; set; } = string.Empty;

    /// <summary>The largest variant's size, upright: what <c>width</c> and <c>height</c> say in a page.</summary>
    public int Width { get; set; }
    public int Height { get; set; }
    public long Length { get; set; }

    /// <summary>Every variant, narrowest first (<see cref="Variants"/>).</summary>
    public string VariantsJson { get; set; } = "[]";

    /// <summary>The JPEG shared as og:image, cropped to 1.91:1 (<see cref="ImageProcessor.ShareSize"/>).</summary>
    public string? ShareBlob { get; set; }
    public int ShareWidth { get; set; }
    public int ShareHeight { get; set; }
    public long ShareLength { get; set; }

    /// <summary>What the author was told when this version was published: its status message, said again by a redelivery.</summary>
    public string? Message { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<ImageVariant> Variants
    {
        get => Json.Read<ImageVariant[]>(VariantsJson) ?? [];
        set => VariantsJson = Json.Write(value);
    }
}
