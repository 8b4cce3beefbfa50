using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Configuration;

/// <summary>Checks <see cref="SiteOptions"/> at start-up; each message names the setting and how to fix it.</summary>
public sealed class SiteOptionsValidator : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        var failures = new List<string>();
        var prefix = SiteOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            failures.Add($"Setting '{prefix}:PublicBaseUrl' (environment variable {prefix}__PublicBaseUrl) is missing: set it to the absolute URL readers use, e.g. https://news.example.com.");
        }
        else if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            failures.Add($"Setting '{prefix}:PublicBaseUrl' is '{options.PublicBaseUrl}': it must be an absolute http or https URL without query or fragment.");
        }
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"Setting '{prefix}:Name' (environment variable {prefix}__Name) is missing: set it to the site's name, e.g. Serverless News.");
        }
        if (string.IsNullOrWhiteSpace(options.DefaultLanguage))
        {
            failures.Add($"Setting '{prefix}:DefaultLanguage' is empty: set it to a language code such as fr or en.");
        }
        if (!string.IsNullOrWhiteSpace(options.XHandle) && !Regex.IsMatch(options.XHandle.Trim(), "^@?[A-Za-z0-9_]{1,15}$"))
        {
            failures.Add($"Setting '{prefix}:XHandle' is '{options.XHandle}': an X handle is 1 to 15 letters, digits or underscores.");
        }
        if (options.CacheSeconds < 0)
        {
            failures.Add($"Setting '{prefix}:CacheSeconds' is {options.CacheSeconds}: it cannot be negative.");
        }
        if (options.MaxImageBytes is < 1024 or > SiteOptions.MaxImageBytesLimit)
        {
            failures.Add($"Setting '{prefix}:MaxImageBytes' is {options.MaxImageBytes}: use 1024 (1 KiB) to {SiteOptions.MaxImageBytesLimit} ({SiteOptions.MaxImageBytesLimit / 1024 / 1024} MiB) bytes.");
        }
        if (options.MaxArticleBytes is < 1024 or > SiteOptions.MaxArticleBytesLimit)
        {
            failures.Add($"Setting '{prefix}:MaxArticleBytes' is {options.MaxArticleBytes}: use 1024 (1 KiB) to {SiteOptions.MaxArticleBytesLimit} ({SiteOptions.MaxArticleBytesLimit / 1024 / 1024} MiB) bytes.");
        }
        if (options.ServerCacheSeconds is < 0 or > 60)
        {
            failures.Add($"Setting '{prefix}:ServerCacheSeconds' is {options.ServerCacheSeconds}: use 0 (no in-memory cache) to 60 seconds.");
        }
        foreach (var (setting, color) in new[] { ("AccentColor", options.AccentColor), ("AccentColorDark", options.AccentColorDark) })
        {
            if (!Regex.IsMatch(color ?? string.Empty, "^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$"))
            {
                failures.Add($"Setting '{prefix}:{setting}' is '{color}': write a colour as #rgb or #rrggbb, such as #b3261e.");
            }
        }
        foreach (var (setting, links) in new[] { ("Navigation", options.Navigation), ("LegalLinks", options.LegalLinks) })
        {
            if (links.Count > SiteOptions.MaxChromeLinks)
            {
                failures.Add($"Setting '{prefix}:{setting}' has {links.Count} links: keep at most {SiteOptions.MaxChromeLinks}.");
            }
            for (var index = 0; index < links.Count; index++)
            {
                var link = links[index];
                if (string.IsNullOrWhiteSpace(link.Label))
                {
                    failures.Add($"Setting '{prefix}:{setting}:{index}:Label' is missing: set the text the link shows.");
                }
                if (!IsSiteOrWebUrl(link.Url))
                {
                    failures.Add($"Setting '{prefix}:{setting}:{index}:Url' is '{link.Url}': use a path of the site such as /tags/politics, or an absolute http(s) URL.");
                }
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSiteOrWebUrl(string? url) =>
        url is { Length: > 0 } && (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            || Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https");
}

/// <summary>Checks container and table names against Azure's naming rules at start-up.</summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        foreach (var (setting, value) in new[]
                 {
                     ("ArticlesContainer", options.ArticlesContainer), ("PagesContainer", options.PagesContainer),
                     ("BodiesContainer", options.BodiesContainer), ("MediaContainer", options.MediaContainer), ("CardsContainer", options.CardsContainer),
                     ("SiteContainer", options.SiteContainer),
                     ("RenderQueue", options.RenderQueue), ("SiteQueue", options.SiteQueue), ("ReleaseQueue", options.ReleaseQueue), ("JobQueue", options.JobQueue), ("BlobTriggerPoisonQueue", options.BlobTriggerPoisonQueue),
                 })
        {
            if (!ContainerName().IsMatch(value ?? string.Empty) || value!.Contains("--", StringComparison.Ordinal))
            {
                failures.Add($"Setting '{StorageOptions.SectionName}:{setting}' is '{value}': a container or queue name is 3 to 63 lower-case letters, digits and single hyphens.");
            }
        }
        foreach (var (setting, value) in new[]
                 {
                     ("ArticlesTable", options.ArticlesTable), ("ArticlesByDateTable", options.ArticlesByDateTable),
                     ("ArticlesByTagTable", options.ArticlesByTagTable),
                     ("SourcesTable", options.SourcesTable), ("TitlesTable", options.TitlesTable),
                     ("CitationsTable", options.CitationsTable), ("KeywordsTable", options.KeywordsTable), ("MediaTable", options.MediaTable),
                     ("SiteFilesTable", options.SiteFilesTable), ("JobsTable", options.JobsTable),
                 })
        {
            if (!TableName().IsMatch(value ?? string.Empty))
            {
                failures.Add($"Setting '{StorageOptions.SectionName}:{setting}' is '{value}': a table name is 3 to 63 letters and digits, starting with a letter.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex ContainerName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
