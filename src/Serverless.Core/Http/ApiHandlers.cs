using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// The public JSON API: article listing and metadata, share snippets, oEmbed. It shows what readers may see and no more:
/// processing state, author warnings and blob names are on the admin API (<see cref="AdminHandlers"/>). Errors are RFC
/// 7807 problem details.
/// </summary>
public sealed class ApiHandlers(ArticleRepository repository, ArticlesByDate listing, ServedResponses served, ShareSnippetBuilder shareSnippets, SiteUrls urls, SiteOptions site)
{
    public const int DefaultPageSize = 20;
    internal const string JsonContentType = "application/json; charset=utf-8";

    private readonly string _cacheControl = HttpCaching.Public(site.CacheSeconds);

    public async Task<IResult> ListArticlesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var top = DefaultPageSize;
        if (request.Query.TryGetValue("top", out var topValue)
            && (!int.TryParse(topValue, out top) || top < 1 || top > ListingPaging.MaxPageSize))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid 'top'", $"'top' must be a whole number from 1 to {ListingPaging.MaxPageSize}.");
        }
        string? after = null;
        if (request.Query.TryGetValue("continuationToken", out var token) && !ListCursor.TryDecode(token, out after))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid 'continuationToken'", "Pass back the continuationToken of a previous answer unchanged.");
        }
        var list = await served.GetAsync(string.Create(CultureInfo.InvariantCulture, $"list:{top}:{after}"), (Handlers: this, Top: top, After: after),
            static (state, token) => state.Handlers.LoadListAsync(state.Top, state.After, token), cancellationToken);
        return Cacheable(request, list);
    }

    private async Task<ServedResponse> LoadListAsync(int top, string? after, CancellationToken cancellationToken)
    {
        var (items, next) = await listing.ListAsync(top, after, cancellationToken);
        return Serialized(new ArticleListResponse(
            [.. items.Select(item => new ArticleSummary(item.Slug, urls.Article(item.Slug), item.Title, item.Description, item.Language, item.Author, item.Published, item.Modified, item.Image is null ? null : urls.Absolute(item.Image)))],
            next is null ? null : ListCursor.Encode(next)));
    }

    public Task<IResult> GetArticleAsync(HttpRequest request, string slug, CancellationToken cancellationToken) =>
        ServeArticleAsync(request, slug, "api/articles/", static (handlers, article) => handlers.Details(article), cancellationToken);

    private ServedResponse Details(StoredArticle article)
    {
        var rendered = article.Outputs.Rendered;
        return Serialized(new ArticleDetails(article.Slug, urls.Article(article.Slug), article.Title, article.Description, article.Language, article.Author,
            article.Published, article.Modified, article.Tags, article.Outputs.ShareImage?.Url ?? (article.Image is null ? null : urls.Absolute(article.Image)),
            article.Outputs.ShareImage?.Alt ?? article.ImageAlt,
            article.WordCount, article.ReadingMinutes,
            [.. rendered.Links.Select(link => new LinkDetails(link.Kind, link.Placement, link.Title, link.Slug, link.Url, link.Resolved, link.Score))],
            [.. rendered.Backlinks.Select(backlink => new BacklinkDetails(backlink.Slug, backlink.Title, urls.Article(backlink.Slug)))],
            rendered.MoreBacklinks,
            JsonNamingPolicy.CamelCase.ConvertName(article.Record.SlugSource)));
    }

    public Task<IResult> GetShareSnippetAsync(HttpRequest request, string slug, CancellationToken cancellationToken) =>
        ServeArticleAsync(request, slug, "api/share/", static (handlers, article) => handlers.Share(article), cancellationToken);

    private ServedResponse Share(StoredArticle article) => Serialized(shareSnippets.Build(article, article.Outputs.ShareImage));

    /// <summary>
    /// oEmbed 1.0 (oembed.com) for article URLs: a <c>link</c> answer with the share image as thumbnail. Only JSON is
    /// offered (XML gets 501, as the specification says); a URL that is not one of this site's articles gets 404.
    /// </summary>
    public async Task<IResult> GetOembedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var format = request.Query["format"].ToString();
        if (format.Length > 0 && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status501NotImplemented, "Format not offered", "Only format=json is offered.");
        }
        if (request.Query["url"].ToString() is not { Length: > 0 } url)
        {
            return Problem(StatusCodes.Status400BadRequest, "Missing 'url'", "Pass the article's URL as 'url'.");
        }
        var prefix = urls.Article(string.Empty);
        if (!url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || url[prefix.Length..].TrimEnd('/') is not { } slug || !Slugs.IsValid(slug)
            || await LoadServedArticleAsync("oembed:", slug, static (handlers, article) => handlers.Oembed(article), cancellationToken) is not { Status: ServedStatus.Ok } oembed)
        {
            return Problem(StatusCodes.Status404NotFound, "Not an article of this site", "The URL is not one of this site's published articles.");
        }
        return Cacheable(request, oembed);
    }

    private ServedResponse Oembed(StoredArticle article)
    {
        var image = shareSnippets.ImageOf(article, article.Outputs.ShareImage);
        return Serialized(new OembedResponse("link", "1.0", article.Title, article.Author ?? site.Name, article.AuthorUrl ?? (article.Author is null ? urls.Home : null),
            site.Name, urls.Home, site.CacheSeconds > 0 ? site.CacheSeconds : null, image.Url, image.Width, image.Height));
    }

    /// <summary>The JSON <paramref name="answer"/> makes of the served article at <paramref name="slug"/>, or the problem answer saying why there is none.</summary>
    private async Task<IResult> ServeArticleAsync(HttpRequest request, string slug, string routePrefix, Func<ApiHandlers, StoredArticle, ServedResponse> answer,
        CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug))
        {
            return NotFound(slug);
        }
        var served = await LoadServedArticleAsync(routePrefix, slug, answer, cancellationToken);
        return served.Status switch
        {
            ServedStatus.Ok => Cacheable(request, served),
            ServedStatus.Gone => Problem(StatusCodes.Status410Gone, "Article removed", $"The article '{slug}' was unpublished: its source was deleted."),
            ServedStatus.Moved => Results.Redirect("/" + routePrefix + served.Detail, permanent: true),
            _ => NotFound(slug),
        };
    }

    /// <summary>One read of the article (one query of its partition) per cache entry; the answer's JSON is serialised then, not per request.</summary>
    private ValueTask<ServedResponse> LoadServedArticleAsync(string keyPrefix, string slug, Func<ApiHandlers, StoredArticle, ServedResponse> answer,
        CancellationToken cancellationToken) =>
        served.GetAsync(keyPrefix + slug, (Handlers: this, Slug: slug, Answer: answer),
            static (state, token) => state.Handlers.ReadArticleAsync(state.Slug, state.Answer, token), cancellationToken);

    private async Task<ServedResponse> ReadArticleAsync(string slug, Func<ApiHandlers, StoredArticle, ServedResponse> answer, CancellationToken cancellationToken)
    {
        var article = await repository.GetStoredArticleAsync(slug, cancellationToken);
        return article switch
        {
            { IsServed: true } => answer(this, article),
            { ArticleStatus: ArticleStatus.Deleted } => ServedResponse.Without(ServedStatus.Gone),
            { ArticleStatus: ArticleStatus.Moved, Record.MovedTo: { } movedTo } => ServedResponse.Without(ServedStatus.Moved, movedTo),
            _ => ServedResponse.Without(ServedStatus.NotFound),
        };
    }

    private IResult Cacheable(HttpRequest request, ServedResponse served)
    {
        request.HttpContext.Response.Headers.CacheControl = _cacheControl;
        return served.Result!;
    }

    private static IResult NotFound(string slug) =>
        // Only a well-formed slug is repeated: problem details never echo arbitrary input.
        Problem(StatusCodes.Status404NotFound, "Article not found",
            Slugs.IsValid(slug) ? $"No published article has the slug '{slug}'." : "No published article has this slug: slugs are lower-case letters, digits and hyphens.");

    internal static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    internal static IResult Json<T>(T value, int? statusCode = null) => Results.Json(value, ApiJson, statusCode: statusCode);

    /// <summary>An answer's JSON, serialised once for the cache entry, with an ETag made from it.</summary>
    private static ServedResponse Serialized<T>(T value) => ServedResponse.Hashed(JsonSerializer.SerializeToUtf8Bytes(value, ApiJson), JsonContentType);

    /// <summary>
    /// API bodies are application/json, never inlined in HTML, so only JSON itself needs escaping: apostrophes and
    /// accents in messages stay readable.
    /// </summary>
    internal static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
