namespace Serverless.LocalServer.Commands;

/// <summary>What every command exits with, so scripts can tell an author's mistake from a missing server.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something the author can fix: a failed article, a missing file, an unknown slug. The output says what.</summary>
    public const int AuthorError = 1;

    /// <summary>No local server runs (and no storage account is configured) to take the command.</summary>
    public const int NoServer = 2;
}
