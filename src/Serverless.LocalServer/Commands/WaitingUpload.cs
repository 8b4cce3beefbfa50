using Serverless.Core.Admin;

namespace Serverless.LocalServer.Commands;

/// <summary>What <see cref="UploadWaiter"/> knows of one upload it waits for.</summary>
internal sealed class WaitingUpload(PendingUpload upload)
{
    public PendingUpload Upload { get; } = upload;

    /// <summary>Stage 1 has recorded this content (counted once in the progress).</summary>
    public bool Ingested { get; set; }

    /// <summary>The status read last: what a time-out reports.</summary>
    public PublicationStatus? LastStatus { get; set; }

    /// <summary>When the blob's own content is next compared with the upload's, to notice a newer upload replacing it.</summary>
    public TimeSpan NextBlobCheck { get; set; }
}
