using System.Text.Json;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>
/// Where the failure report stands: in which <see cref="Scan"/>, and in it either a table query's
/// <see cref="Continuation"/> or how many entries of a peeked queue were listed already (<see cref="Skip"/>).
/// </summary>
internal sealed record FailureCursor(FailureScan Scan, string? Continuation = null, int Skip = 0)
{
    public static readonly FailureCursor Start = new(FailureScan.FailedSources);

    /// <summary>The start of the scan after this one; null after the last.</summary>
    public FailureCursor? NextScan() => Scan == FailureScan.Theme ? null : new FailureCursor(Scan + 1);

    public string Encode() => PageToken.Encode(Json.Write(this));

    /// <exception cref="FormatException">Not a token this report wrote.</exception>
    public static FailureCursor Decode(string token)
    {
        FailureCursor? cursor = null;
        if (PageToken.TryDecode(token, out var position))
        {
            try
            {
                cursor = Json.Read<FailureCursor>(position);
            }
            catch (JsonException)
            {
            }
        }
        return cursor is not null && Enum.IsDefined(cursor.Scan) && cursor.Skip is >= 0 and <= FailureReport.MaxPeeked
            && (cursor.Continuation is null || PageToken.IsTableContinuation(cursor.Continuation))
            ? cursor
            : throw new FormatException("Not a continuation token of the failure report: pass back the continuationToken of a previous answer unchanged.");
    }
}
