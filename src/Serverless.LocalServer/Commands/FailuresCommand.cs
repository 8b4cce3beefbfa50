using System.Text.Json;
using Serverless.Core.Admin;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// <c>failures</c>: what failed and why, kind after kind (sources, then each stage's poison messages), read a page at a
/// time to the last.
/// </summary>
public static class FailuresCommand
{
    private static readonly int KindWidth = Enum.GetValues<FailureKind>().Max(kind => Name(kind).Length);

    public static async Task<int> RunAsync(ServerSession session, CommandOutput output, CancellationToken cancellationToken)
    {
        output.Line(session.Describe());
        var failures = await PagedLines.WriteAsync(output, (token, ct) => session.Failures.ListAsync(AdminPaging.DefaultSize, token, ct),
            failure => $"{Name(failure.Kind).PadRight(KindWidth)}  {failure.BlobName ?? failure.Slug ?? "-"}  {failure.Reason}",
            "Nothing failed.", cancellationToken);
        output.Document(new { server = session.DescribeJson(), failures });
        return ExitCodes.Success;
    }

    /// <summary>As in JSON: <c>source</c>, <c>render-poison</c>…</summary>
    private static string Name(FailureKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}
