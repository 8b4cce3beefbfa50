using System.Globalization;

namespace Serverless.Core.Storage;

/// <summary>A UTC calendar month of publication: what the newest-first listing is partitioned by.</summary>
public readonly record struct ListingMonth
{
    /// <summary>Months from January of year 1 to December 9999.</summary>
    public const int Count = 9999 * 12;

    private ListingMonth(int number) => Number = number;

    /// <summary>Months since January of year 1: 0 is 0001-01.</summary>
    public int Number { get; }

    public int Year => Number / 12 + 1;

    public int Month => Number % 12 + 1;

    public static ListingMonth Of(DateTimeOffset published)
    {
        var utc = published.UtcDateTime;
        return new ListingMonth((utc.Year - 1) * 12 + utc.Month - 1);
    }

    /// <summary>A month written as <c>yyyy-MM</c>.</summary>
    public static ListingMonth Parse(string month) =>
        Of(DateTimeOffset.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    public ListingMonth Previous => new(Number - 1);

    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The next month's start: the end of time for the last month.</summary>
    public DateTimeOffset End => Number == Count - 1 ? DateTimeOffset.MaxValue : Start.AddMonths(1);

    /// <summary>The month's span of the listing, in the month's partition.</summary>
    public ListingSegment Segment => new(TableKeys.ListingMonthPartition(this), Start, End);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
