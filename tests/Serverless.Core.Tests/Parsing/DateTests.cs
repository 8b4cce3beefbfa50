using System.Globalization;
using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>Published and modified times: front matter date/updated (ISO 8601), else the blob's own times.</summary>
public sealed class DateTests
{
    private static Articles.Article WithDates(string dates) => Parse($"---\n{dates}\n---\n# Title\n\nBody.");

    [Theory]
    [InlineData("2024-12-20", "2024-12-20T00:00:00+00:00")]
    [InlineData("2024-12-20T09:30:00", "2024-12-20T09:30:00+00:00")]
    [InlineData("2024-12-20T09:30:00+01:00", "2024-12-20T09:30:00+01:00")]
    [InlineData("2024-12-20T09:30:00Z", "2024-12-20T09:30:00+00:00")]
    [InlineData("'2024-12-20 09:30'", "2024-12-20T09:30:00+00:00")]
    public void Iso_date_is_read_with_its_offset_else_as_utc(string value, string expected) =>
        Assert.Equal(expected, WithDates($"date: {value}").Published.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    [Fact]
    public void Updated_is_the_modified_time() =>
        Assert.Equal(new DateTimeOffset(2024, 12, 22, 0, 0, 0, TimeSpan.Zero), WithDates("date: 2024-12-20\nupdated: 2024-12-22").Modified);

    [Theory]
    [InlineData("date", "yesterday")]
    [InlineData("date", "2024-13-45")]
    [InlineData("updated", "2024-02-30")]
    [InlineData("date", "12/11/2024")]
    [InlineData("date", "December 20, 2024")]
    public void Date_that_is_not_iso_8601_is_a_format_error_naming_the_field(string field, string value)
    {
        var error = Rejects($"---\n{field}: {value}\n---\n# Title\n\nBody.");

        Assert.StartsWith($"Front matter '{field}' is not a date: '{value}'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_front_matter_dates_are_the_blob_times()
    {
        var article = Parse("# Title\n\nBody.");

        Assert.Equal((Created, LastModified), (article.Published, article.Modified));
    }

    [Fact]
    public void Updated_before_date_is_raised_to_the_published_time()
    {
        var article = WithDates("date: 2024-12-20\nupdated: 2024-12-01");

        Assert.Equal(article.Published, article.Modified);
    }

    [Fact]
    public void Blob_modified_time_before_the_front_matter_date_is_raised_to_the_published_time()
    {
        var article = WithDates("date: 2025-06-01");

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), article.Modified);
    }
}
