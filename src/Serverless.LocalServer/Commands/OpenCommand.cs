namespace Serverless.LocalServer.Commands;

/// <summary><c>open SLUG|BLOB</c>: prints the URL of a published article on the running server.</summary>
public static class OpenCommand
{
    public static async Task<int> RunAsync(ServerSession session, string slugOrBlob, CommandOutput output, CancellationToken cancellationToken)
    {
        // Standard output is the URL alone, for scripts (`xdg-open "$(… open slug)"`); the server goes beside it.
        output.Aside(session.Describe());
        var status = await StatusCommand.FindAsync(session, slugOrBlob, cancellationToken);
        if (status?.Url is not { } url)
        {
            return output.Fail(ExitCodes.AuthorError, status is null
                ? $"No uploaded article has the slug or blob name '{slugOrBlob}': `list` shows them all."
                : $"'{slugOrBlob}' is not served: {StatusText.Summary(status)}");
        }
        output.Line(url);
        output.Document(new { server = session.DescribeJson(), url });
        return ExitCodes.Success;
    }
}
