using Serverless.Core.Rendering;
using Serverless.Core.Site;
using Serverless.Core.Storage;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Security;

/// <summary>
/// Every page type besides the article's (home, tag, author, month archive, archives, 404 and 410) stays inert whatever
/// titles, descriptions, tags, author names and profiles authors write: read with a real HTML5 parser, nothing in it can
/// run a script, load or frame content, or link to a scheme other than http, https or mailto (<see cref="PageSafety"/>).
/// The browser injection test runs the same pages in Chromium through the local server.
/// </summary>
public sealed class IndexPageSafetyTests
{
    public static TheoryData<string> Hostile => new()
    {
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "</title><script>alert(1)</script>",
        "javascript:alert(1)",
        "]]></script><script>alert(1)</script>",
        "\u2028\u2029<iframe src=javascript:alert(1)>",
    };

    private static readonly IndexPageRenderer Renderer = new(new SiteLayout(Options), Urls);

    private static ListingEntity Row(string hostile) => new()
    {
        Slug = "story", Title = hostile, Description = hostile, Language = "fr", Author = hostile, Authors = [hostile, "Jeanne Dupont"],
        Published = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), Modified = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero),
        Image = hostile, TagsJson = Serverless.Core.Storage.Json.Write(new[] { hostile, "politique" }),
    };

    [Theory, MemberData(nameof(Hostile))]
    public void Home_page_with_hostile_listing_rows_is_inert(string hostile) =>
        Assert.Empty(PageSafety.Violations(Renderer.Render([Row(hostile), Row(hostile)], new PageLinks("cursor", null))));

    [Theory, MemberData(nameof(Hostile))]
    public void Tag_page_with_a_hostile_tag_and_rows_is_inert(string hostile) =>
        Assert.Empty(PageSafety.Violations(Renderer.RenderTag(hostile, "tag", [Row(hostile)], PageLinks.None)));

    [Theory, MemberData(nameof(Hostile))]
    public void Author_page_with_a_hostile_name_and_profile_is_inert(string hostile) =>
        Assert.Empty(PageSafety.Violations(Renderer.RenderAuthor(hostile, "author", new AuthorProfile(hostile, hostile, [hostile, "https://example.org/"], hostile), [Row(hostile)], PageLinks.None)));

    [Theory, MemberData(nameof(Hostile))]
    public void Month_archive_with_hostile_rows_is_inert(string hostile) =>
        Assert.Empty(PageSafety.Violations(Renderer.RenderArchiveMonth(ListingMonth.Parse("2026-12"), [Row(hostile)], PageLinks.None)));

    [Fact]
    public void Archives_page_is_inert() =>
        Assert.Empty(PageSafety.Violations(Renderer.RenderArchives([ListingMonth.Parse("2026-12"), ListingMonth.Parse("2026-11")], older: null)));

    [Theory, MemberData(nameof(Hostile))]
    public void Not_found_and_gone_pages_listing_hostile_rows_are_inert(string hostile)
    {
        Assert.Empty(PageSafety.Violations(Renderer.RenderError(404, [Row(hostile)])));
        Assert.Empty(PageSafety.Violations(Renderer.RenderError(410, [Row(hostile)])));
    }
}
