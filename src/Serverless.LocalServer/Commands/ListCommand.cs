using Serverless.Core.Admin;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// <c>list</c>: every uploaded article and where it stands: published, rendering, failed, draft, scheduled or ignored. Read a page
/// at a time, to the last, and printed as it comes, in the order of the sources' keys.
/// </summary>
public static class ListCommand
{
    /// <summary>The longest state name: every line lines up, whatever the page it comes in.</summary>
    private static readonly int StateWidth = Enum.GetValues<PublicationState>().Max(state => StatusText.Name(state).Length);

    public static async Task<int> RunAsync(ServerSession session, CommandOutput output, CancellationToken cancellationToken)
    {
        output.Line(session.Describe());
        var statuses = await PagedLines.WriteAsync(output, (token, ct) => session.Status.ListAsync(AdminPaging.DefaultSize, token, ct),
            status => $"{StatusText.Name(status.State).PadRight(StateWidth)}  {status.BlobName}{((status.Url ?? status.Message) is { } detail ? "  " + detail : "")}",
            "No article uploaded yet: `upload FILE` publishes one.", cancellationToken);
        output.Document(new { server = session.DescribeJson(), articles = statuses });
        return ExitCodes.Success;
    }
}
