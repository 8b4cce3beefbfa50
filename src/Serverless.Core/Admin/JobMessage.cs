using System.Text.Json;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>A job-queue message: do page <see cref="Page"/> of the job <see cref="Job"/> (its row says where that page starts).</summary>
public sealed record JobMessage(string Job, int Page)
{
    /// <summary>Job ids are 32 lower-case hex digits (a version-7 GUID: they sort by creation time).</summary>
    public static bool IsJobId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    public static string NewJobId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    /// <exception cref="FormatException">The message is not one this backend sends.</exception>
    public static JobMessage Parse(string body)
    {
        try
        {
            return Json.Read<JobMessage>(body) is { Page: >= 0 } message && IsJobId(message.Job)
                ? message
                : throw new FormatException("Not a job message: it must name a job id and a page number.");
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Not a job message: {exception.Message}", exception);
        }
    }
}
