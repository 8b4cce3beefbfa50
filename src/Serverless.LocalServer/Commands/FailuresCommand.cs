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
        var listed = new List<Failure>();
        var count = 0;
        await foreach (var page in AdminPaging.ReadAllAsync((token, ct) => session.Failures.ListAsync(AdminPaging.DefaultSize, token, ct), cancellationToken))
        {
            foreach (var failure in page.Items)
            {
                count++;
                output.Line($"{Name(failure.Kind).PadRight(KindWidth)}  {failure.BlobName ?? failure.Slug ?? "-"}  {failure.Reason}");
            }
            if (output.IsJson)
            {
                listed.AddRange(page.Items);
            }
        }
        if (count == 0)
        {
            output.Line("Nothing failed.");
        }
        output.Document(new { server = session.DescribeJson(), failures = listed });
        return ExitCodes.Success;
    }

    /// <summary>As in JSON: <c>source</c>, <c>render-poison</c>…</summary>
    private static string Name(FailureKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}
