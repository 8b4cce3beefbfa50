namespace Serverless.LocalServer.Commands;

/// <summary><c>list</c>: every uploaded article and where it stands: published, rendering, failed, draft or ignored.</summary>
public static class ListCommand
{
    public static async Task<int> RunAsync(ServerSession session, CommandOutput output, CancellationToken cancellationToken)
    {
        var statuses = await session.Status.ListAsync(cancellationToken);
        output.Line(session.Describe());
        if (statuses.Count == 0)
        {
            output.Line("No article uploaded yet: `upload FILE` publishes one.");
        }
        var width = statuses.Count == 0 ? 0 : statuses.Max(status => StatusText.Name(status.State).Length);
        foreach (var status in statuses)
        {
            var detail = status.Url ?? status.Message;
            output.Line($"{StatusText.Name(status.State).PadRight(width)}  {status.BlobName}{(detail is null ? "" : "  " + detail)}");
        }
        output.Document(new { server = session.DescribeJson(), articles = statuses });
        return ExitCodes.Success;
    }
}
