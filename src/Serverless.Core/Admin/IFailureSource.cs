
namespace Serverless.Core.Admin;

/// <summary>Where the failure report is read from: storage itself, or the admin API of a running server.</summary>
public interface IFailureSource
{
    /// <summary>
    /// A page of at most <paramref name="top"/> failures, kind after kind in <see cref="FailureKind"/> order, from the
    /// first or from <paramref name="continuationToken"/> (the token of the page before).
    /// </summary>
    /// <exception cref="FormatException">The token is not one a page returned.</exception>
    Task<AdminPage<Failure>> ListAsync(int top, string? continuationToken, CancellationToken cancellationToken);
}
