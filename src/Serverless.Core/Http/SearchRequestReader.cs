using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Serverless.Core.Search;

namespace Serverless.Core.Http;

/// <summary>
/// Reads a search from a query string, for the page and the API alike: <c>q</c>, <c>tag</c>, <c>author</c>,
/// <c>from</c> and <c>to</c> (dates, <c>yyyy-MM-dd</c> meaning the whole day, or ISO 8601 times), and where the page
/// starts; refuses, with what to change, whatever is past <see cref="SearchLimits"/>.
/// </summary>
public static class SearchRequestReader
{
    public static SearchRequest Read(IQueryCollection query, int offset, int top)
    {
        var text = query["q"].ToString().Trim();
        if (text.Length > SearchLimits.MaxQueryLength)
        {
            throw new InvalidSearchException("Query too long", $"Search for at most {SearchLimits.MaxQueryLength} characters.");
        }
        return new SearchRequest(text, Filter(query, "tag"), Filter(query, "author"), Date(query, "from", endOfDay: false), Date(query, "to", endOfDay: true), offset, top);
    }

    /// <summary>The page size: <c>top</c>, 1 to <see cref="SearchLimits.MaxTop"/>.</summary>
    public static int Top(IQueryCollection query)
    {
        if (!query.TryGetValue("top", out var value))
        {
            return SearchRequest.DefaultTop;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= SearchLimits.MaxTop
            ? top
            : throw new InvalidSearchException("Invalid 'top'", $"'top' must be a whole number from 1 to {SearchLimits.MaxTop}.");
    }

    /// <summary>The API's continuation token: where the next page starts, opaque to clients.</summary>
    public static string Token(int offset) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes("o" + offset.ToString(CultureInfo.InvariantCulture)));

    public static int Offset(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith('o') && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }
        throw new InvalidSearchException("Invalid 'continuationToken'", "Pass back the continuationToken of a previous answer unchanged.");
    }

    /// <summary>The HTML page's start: <c>start</c>, a number of results to skip.</summary>
    public static int Start(IQueryCollection query) =>
        !query.TryGetValue("start", out var value) ? 0
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start
        : throw new InvalidSearchException("Invalid 'start'", "'start' must be a whole number of results to skip.");

    private static string? Filter(IQueryCollection query, string name)
    {
        var value = query[name].ToString().Trim();
        return value.Length == 0 ? null
            : value.Length <= SearchLimits.MaxFilterLength ? value
            : throw new InvalidSearchException($"Invalid '{name}'", $"'{name}' must be at most {SearchLimits.MaxFilterLength} characters.");
    }

    private static DateTimeOffset? Date(IQueryCollection query, string name, bool endOfDay)
    {
        var value = query[name].ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new InvalidSearchException($"Invalid '{name}'", $"'{name}' must be a date such as 2024-12-19, or a time in ISO 8601.");
    }
}
