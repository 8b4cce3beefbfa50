using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Serverless.Core.Configuration;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// Month archives: <c>/archives</c> lists the months that have articles (the listing's month index), newest first, and
/// <c>/archives/{yyyy}/{mm}</c> a month's articles (one partition of the site's listing), paged as tag pages are.
/// Rendered as asked and held in memory as the home page is.
/// </summary>
public sealed class ArchiveHandlers(ListingMonths months, ArticlesByDate listing, ServedResponses served, IndexPageRenderer renderer, PageHandlers pages, SiteOptions site)
{
    /// <summary>Months on the archives page: twenty years; older ones follow on later pages (<c>?before=yyyy-MM</c>).</summary>
    public const int MonthsPerPage = 240;

    /// <summary>Articles on a month's page, as on a tag's.</summary>
    public const int PageSize = Site.TagFiles.PageSize;

    private readonly string _cacheControl = HttpCaching.Public(site.CacheSeconds);

    public async Task<IResult> GetArchivesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        PageHandlers.AddPageHeaders(response);
        ListingMonth? before = null;
        if (request.Query["before"] is [{ } text])
        {
            if (!TryMonth(text, out var month))
            {
                return await pages.ErrorAsync(response, StatusCodes.Status404NotFound, cancellationToken);
            }
            before = month;
        }
        var page = await served.GetAsync("archives:" + before, (Months: months, Renderer: renderer, Before: before), static async (state, token) =>
        {
            var shown = new List<ListingMonth>(MonthsPerPage);
            string? older = null;
            await foreach (var month in state.Months.NewestFirstAsync(state.Before, token))
            {
                if (shown.Count == MonthsPerPage)
                {
                    older = $"/{Routes.Archives}?before={shown[^1]}";
                    break;
                }
                shown.Add(month);
            }
            return ServedResponse.Hashed(Encoding.UTF8.GetBytes(state.Renderer.RenderArchives(shown, older)), PageHandlers.HtmlContentType);
        }, cancellationToken);
        response.Headers.CacheControl = _cacheControl;
        return page.Result!;
    }

    public async Task<IResult> GetMonthAsync(HttpRequest request, string year, string month, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        PageHandlers.AddPageHeaders(response);
        string? after = null;
        if (!TryMonth($"{year}-{month}", out var listed) || request.Query.ContainsKey("after") && !ListCursor.TryDecode(request.Query["after"], out after))
        {
            return await pages.ErrorAsync(response, StatusCodes.Status404NotFound, cancellationToken);
        }
        var page = await served.GetAsync($"archive:{listed}:{after}", (Table: listing.Table, Renderer: renderer, Month: listed, After: after), static async (state, token) =>
        {
            var articles = await ListingPaging.PageAsync(new SinglePartitionListing(state.Table, TableKeys.ListingMonthPartition(state.Month)), PageSize, state.After, token);
            var path = SiteUrls.ArchivePath(state.Month.Year, state.Month.Month);
            return articles.Items.Count == 0
                ? ServedResponse.Without(ServedStatus.NotFound)
                : ServedResponse.Hashed(Encoding.UTF8.GetBytes(state.Renderer.RenderArchiveMonth(state.Month, articles.Items, PageLinks.For(path, articles, state.After))), PageHandlers.HtmlContentType);
        }, cancellationToken);
        if (page.Status != ServedStatus.Ok)
        {
            return await pages.ErrorAsync(response, StatusCodes.Status404NotFound, cancellationToken);
        }
        response.Headers.CacheControl = _cacheControl;
        return page.Result!;
    }

    /// <summary>A month written yyyy-MM, four digits and two, from year 1 to 9999.</summary>
    private static bool TryMonth(string text, out ListingMonth month)
    {
        month = default;
        if (text.Length != 7 || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }
        month = ListingMonth.Parse(text);
        return true;
    }
}
