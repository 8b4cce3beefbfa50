using Serverless.Core.Admin;

namespace Serverless.LocalServer.Commands;

/// <summary>How commands word a <see cref="PublicationStatus"/> for people.</summary>
internal static class StatusText
{
    /// <summary>One line: "published: URL", "failed: why", "draft: …".</summary>
    public static string Summary(PublicationStatus status) => status.State switch
    {
        PublicationState.Published => $"published: {status.Url}",
        PublicationState.Failed when status.PreviousVersionServed => $"failed: {status.Message} (the version published before is still served at {status.Url})",
        PublicationState.Failed => $"failed: {status.Message}",
        PublicationState.Draft => $"draft: {status.Message}",
        PublicationState.Scheduled => $"scheduled: {status.Message}",
        PublicationState.Ignored => $"ignored: {status.Message}",
        _ => $"rendering: {status.Message}",
    };

    /// <summary>The state's name as printed and in JSON.</summary>
    public static string Name(PublicationState state) => state.ToString().ToLowerInvariant();

    /// <summary>"rendering, published, …, scheduled or ignored": every state, as the help names them.</summary>
    public static string AllNames
    {
        get
        {
            var names = Enum.GetValues<PublicationState>().Select(Name).ToArray();
            return $"{string.Join(", ", names[..^1])} or {names[^1]}";
        }
    }

    /// <summary>Draft is a success too: the author asked for it.</summary>
    public static int ExitCodeOf(PublicationState state) =>
        state is PublicationState.Published or PublicationState.Draft or PublicationState.Scheduled ? ExitCodes.Success : ExitCodes.AuthorError;
}
