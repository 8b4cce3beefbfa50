namespace Serverless.Core.Http;

/// <summary>Every public route, defined once for the Functions app and the local server alike.</summary>
public static class Routes
{
    public const string Index = "/";
    public const string ArticlePage = "articles/{slug}";
    public const string ArticleList = "api/articles";
    public const string ArticleMetadata = "api/articles/{slug}";
    public const string ShareSnippet = "api/share/{slug}";
    public const string Sources = "api/sources";

    /// <summary>
    /// Azure Functions cannot bind an empty route even with routePrefix "" (Azure/Azure-Functions#2473); an optional
    /// parameter limited to zero characters matches the root only.
    /// </summary>
    public const string FunctionsIndex = "{ignored:maxlength(0)?}";
}
