namespace Serverless.Core.Configuration;

/// <summary>Names of the containers and tables the backend uses, bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The setting holding the storage connection (a connection string, or <c>__blobServiceUri</c>/<c>__tableServiceUri</c> for managed identity), as in Azure Functions.</summary>
    public const string ConnectionSettingName = "AzureWebJobsStorage";

    /// <summary>What authors upload.</summary>
    public string ArticlesContainer { get; set; } = "articles";

    /// <summary>Rendered pages, one blob per version.</summary>
    public string PagesContainer { get; set; } = "pages";

    /// <summary>One entity per slug: metadata, status, current page.</summary>
    public string ArticlesTable { get; set; } = "articles";

    /// <summary>The newest-first listing.</summary>
    public string ArticlesByDateTable { get; set; } = "articlesbydate";

    /// <summary>Explicit related links, one partition per article.</summary>
    public string RelatedLinksTable { get; set; } = "relatedlinks";

    /// <summary>One entity per uploaded blob: what was last processed and how it went.</summary>
    public string SourcesTable { get; set; } = "sources";
}
