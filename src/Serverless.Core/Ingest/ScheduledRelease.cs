using System.Text.Json;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>A release-queue message: ingest <see cref="BlobName"/> again at <see cref="At"/>, its date.</summary>
public sealed record ScheduledRelease(string BlobName, DateTimeOffset At)
{
    /// <exception cref="FormatException">The message is not one this backend sends.</exception>
    public static ScheduledRelease Parse(string body)
    {
        try
        {
            return Json.Read<ScheduledRelease>(body) is { BlobName.Length: > 0 and <= 1024 } release
                ? release
                : throw new FormatException("Not a release message: it must name a blob.");
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Not a release message: {exception.Message}", exception);
        }
    }
}
