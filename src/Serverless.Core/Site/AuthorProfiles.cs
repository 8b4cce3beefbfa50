using System.Text;
using Microsoft.Extensions.Logging;
using Serverless.Core.Parsing;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>Reads authors' profile files (<see cref="AuthorProfile"/>), for their pages and their articles' pages: one request each.</summary>
public sealed partial class AuthorProfiles(SiteFiles files, ILogger<AuthorProfiles> logger)
{
    /// <summary>The profile of an author, empty when they have no file; fields that are not what they should be are left out, with a warning.</summary>
    public async Task<AuthorProfile> ReadAsync(string authorSlug, CancellationToken cancellationToken)
    {
        if (await files.ReadAsync(AuthorProfile.FileOf(authorSlug), cancellationToken) is not { } file)
        {
            return AuthorProfile.Empty;
        }
        var problems = new List<string>();
        var profile = AuthorProfile.Parse(Encoding.UTF8.GetString(file.Bytes), problems);
        foreach (var problem in problems)
        {
            LogProfileProblem(AuthorProfile.FileOf(authorSlug), problem);
        }
        return profile;
    }

    /// <summary>The slug of an article's first author, whose profile gives the article's fediverse:creator; null when the name makes none.</summary>
    public static string? FirstAuthorSlug(IReadOnlyList<string> authors) =>
        authors is [var first, ..] && Slugs.From(first) is var slug && Slugs.IsValid(slug) ? slug : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Author profile {File}: {Problem}; pages are shown without that field.")]
    private partial void LogProfileProblem(string file, string problem);
}
