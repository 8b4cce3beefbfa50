using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Search;

/// <summary>Where the search index lives and how often an instance looks for changes, bound from the <c>Search</c> section.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>The blob container of the index: documents, segment files, the manifest (<c>Search:Container</c>).</summary>
    [Required, RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$", ErrorMessage = "Search:Container must be a valid blob container name (3–63 lower-case letters, digits and single hyphens).")]
    public string Container { get; set; } = "search";

    /// <summary>The table of changes not yet merged into the stored index (<c>Search:ChangesTable</c>).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Search:ChangesTable must be a valid table name (3–63 letters and digits, starting with a letter).")]
    public string ChangesTable { get; set; } = "searchchanges";

    /// <summary>
    /// How often an instance answering queries reads the changes made since its index (<c>Search:RefreshSeconds</c>):
    /// an article is searchable, or gone from results, this long after its render at most. 0 reads them at every query.
    /// </summary>
    [Range(0, 30, ErrorMessage = "Search:RefreshSeconds must be between 0 and 30 (articles must be searchable within a minute).")]
    public int RefreshSeconds { get; set; } = 2;

    /// <summary>How often an instance looks for a newer merged index (<c>Search:ManifestSeconds</c>); must stay under the changes' retention.</summary>
    [Range(0, 120, ErrorMessage = "Search:ManifestSeconds must be between 0 and 120 (changes are kept 5 minutes after they are merged).")]
    public int ManifestSeconds { get; set; } = 30;
}
