using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>The optional YAML front matter: known fields, unknown keys, malformed YAML and wrong types.</summary>
public sealed class FrontMatterTests
{
    [Fact]
    public void Every_known_field_is_read_from_the_front_matter()
    {
        var article = Parse("""
            ---
            title: Budget vote delayed
            slug: budget-vote
            description: The vote moves to next week.
            author: Jane Doe
            date: 2024-12-20
            updated: 2024-12-21
            tags: [politics, budget]
            lang: en
            image: /images/budget.jpg
            image_alt: The parliament at night
            draft: true
            ---
            The vote on the budget was postponed.
            """);

        Assert.Equal(
            ("Budget vote delayed", "budget-vote", "The vote moves to next week.", "Jane Doe", "en", "/images/budget.jpg", "The parliament at night", true),
            (article.Title, article.Slug, article.Description, article.Author, article.Language, article.Image, article.ImageAlt, article.Draft));
        Assert.Equal(["politics", "budget"], article.Tags);
        Assert.Empty(article.Warnings);
    }

    [Theory]
    [InlineData("@janedoe@mastodon.social", "@janedoe@mastodon.social")]
    [InlineData("jane.doe@social.example.org", "@jane.doe@social.example.org")]
    public void Author_fediverse_handle_is_read_with_its_leading_at(string written, string handle) =>
        Assert.Equal(handle, Parse($"---\ntitle: Headline\nauthor_fediverse: \"{written}\"\n---\nBody.").AuthorFediverse);

    [Fact]
    public void Front_matter_title_wins_over_a_heading_which_stays_in_the_body_as_an_h2()
    {
        var article = Parse("---\ntitle: From the front matter\n---\n# From the heading\n\nBody text.");

        Assert.Equal("From the front matter", article.Title);
        Assert.Contains(">From the heading</h2>", article.BodyHtml);
    }

    [Theory]
    [InlineData("tags: politics, budget ,  economy")]
    [InlineData("tags: [politics, budget, economy]")]
    [InlineData("tags:\n  - politics\n  - budget\n  - economy")]
    public void Tags_are_a_list_or_a_comma_separated_text(string tags) =>
        Assert.Equal(["politics", "budget", "economy"], Parse($"---\n{tags}\n---\n# Title\n\nBody.").Tags);

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    public void Draft_is_a_boolean(string value, bool expected) =>
        Assert.Equal(expected, Parse($"---\ndraft: {value}\n---\n# Title\n\nBody.").Draft);

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("mailto:desk@example.com")]
    public void Image_that_is_not_an_http_https_or_relative_url_is_ignored_with_a_warning(string image)
    {
        var article = Parse($"---\nimage: \"{image}\"\n---\n# Title\n\nBody.");

        Assert.Null(article.Image);
        Assert.Equal([$"Front matter 'image' '{image}' was ignored: it must be an http, https or relative URL."], article.Warnings);
    }

    [Fact]
    public void Unknown_key_is_reported_as_a_warning_and_ignored()
    {
        var article = Parse("---\ntitle: Title\ncategory: news\n---\nBody.");

        Assert.Equal("Title", article.Title);
        Assert.Equal(["Front matter key 'category' is not used and was ignored."], article.Warnings);
    }

    [Theory]
    [InlineData("title: [unclosed")]
    [InlineData("title: a: b")]
    [InlineData("- a list\n- not a mapping")]
    public void Malformed_yaml_is_a_format_error(string yaml)
    {
        var error = Rejects($"---\n{yaml}\n---\n# Title\n\nBody.");

        Assert.StartsWith("The front matter is not valid YAML (line ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: [a, b]", "'title'")]
    [InlineData("author: {name: Jane}", "'author'")]
    [InlineData("tags: {a: b}", "'tags'")]
    [InlineData("tags: [ok, [nested]]", "'tags'")]
    [InlineData("draft: maybe", "'draft'")]
    [InlineData("image: [a.jpg]", "'image'")]
    [InlineData("date: yesterday", "'date'")]
    [InlineData("tags: 5", "'tags'")]
    public void Field_of_the_wrong_type_is_a_format_error_naming_the_field(string yaml, string field)
    {
        var error = Rejects($"---\n{yaml}\n---\n# Title\n\nBody.");

        Assert.Contains($"Front matter {field}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("date: yesterday", "Front matter 'date' is not a date: 'yesterday'. Use ISO 8601, e.g. 2024-12-20 or 2024-12-20T09:30:00+01:00.")]
    [InlineData("tags: 5", "Front matter 'tags' must be a list of tags such as [politics, budget], not '5'.")]
    [InlineData("title: [a, b]", "Front matter 'title' must be text, not a list or a mapping.")]
    [InlineData("draft: maybe", "Front matter 'draft' must be true or false, not 'maybe'.")]
    public void Field_of_the_wrong_type_says_what_is_expected(string yaml, string message) =>
        Assert.Equal(message, Rejects($"---\n{yaml}\n---\n# Title\n\nBody.").Message);

    [Fact]
    public void Yaml_alias_bomb_is_refused_at_its_first_alias()
    {
        // Nine levels of nine aliases: a billion values, were they expanded.
        var bomb = new System.Text.StringBuilder("lol0: &a0 [lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            bomb.Append(System.Globalization.CultureInfo.InvariantCulture, $"lol{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }

        var error = Rejects($"---\ntitle: Laughs\n{bomb}---\n# Title\n\nBody.");

        Assert.Equal("Front matter uses the YAML alias '*a0' (line 4, column 12): aliases are not allowed in front matter. Write the value out in full.", error.Message);
    }

    [Fact]
    public void Yaml_alias_of_a_field_is_refused() =>
        Assert.StartsWith("Front matter uses the YAML alias '*name'", Rejects("---\nauthor: &name Jane\nsection: *name\n---\n# Title\n\nBody.").Message, StringComparison.Ordinal);

    [Fact]
    public void Key_given_twice_is_reported_at_its_own_line_in_the_file() =>
        Assert.Equal(
            "Front matter 'title' is given twice, on line 2 and again at line 6, column 1: keep only one.",
            Rejects("---\ntitle: First\n\n# The byline\nauthor: Jane Doe\ntitle: Second\n---\nBody.").Message);

    [Fact]
    public void Key_given_twice_in_different_case_is_a_format_error_naming_both_spellings() =>
        Assert.Equal(
            "Front matter 'Title' is given twice (keys are not case-sensitive): 'title' on line 2 and 'Title' at line 3, column 1. Keep only one.",
            Rejects("---\ntitle: First\nTitle: Second\n---\nBody.").Message);

    [Fact]
    public void Key_given_twice_is_reported_at_its_file_line_after_a_byte_order_mark_and_blank_lines() =>
        Assert.Equal(
            "Front matter 'title' is given twice, on line 4 and again at line 5, column 1: keep only one.",
            Rejects("\uFEFF\n \r\n---\r\ntitle: First\r\ntitle: Second\r\n---\r\nBody.").Message);

    [Fact]
    public void Key_given_twice_in_a_nested_mapping_is_reported_at_its_column() =>
        Assert.Equal(
            "Front matter 'note' is given twice, on line 3 and again at line 3, column 18: keep only one.",
            Rejects("---\ntitle: Title\nextra: {note: a, note: b}\n---\nBody.").Message);

    [Fact]
    public void Malformed_yaml_is_reported_at_its_line_and_column_in_the_file() =>
        Assert.Equal(
            "The front matter is not valid YAML (line 3, column 10): While scanning a plain scalar value, found invalid mapping.",
            Rejects("---\ntitle: Title\nauthor: a: b\n---\nBody.").Message);

    [Fact]
    public void Malformed_yaml_reason_does_not_repeat_a_position_counted_from_the_front_matter() =>
        Assert.Equal(
            "The front matter is not valid YAML (line 2, column 1): Expected 'MappingStart', got 'SequenceStart'.",
            Rejects("---\n- a list\n- not a mapping\n---\nBody.").Message);

    [Fact]
    public void Front_matter_after_blank_lines_is_read() =>
        Assert.Equal("From the front matter", Parse("\n  \n---\ntitle: From the front matter\n---\nBody.").Title);

    [Fact]
    public void Front_matter_never_closed_is_a_format_error_naming_its_opening_line() =>
        Assert.Equal(
            "The front matter opened by '---' on line 1 is never closed: add a line with '---' after its last field.",
            Rejects("---\ntitle: Budget vote delayed\nauthor: Jane Doe\n\nThe vote was postponed.").Message);

    [Fact]
    public void Front_matter_never_closed_up_to_the_end_of_the_file_is_a_format_error() =>
        Assert.Equal(
            "The front matter opened by '---' on line 1 is never closed: add a line with '---' after its last field.",
            Rejects("---\ntitle: Budget vote delayed\ntags:\n  - politics\n- budget\n").Message);

    [Fact]
    public void Front_matter_never_closed_is_reported_at_its_file_line_after_blank_lines() =>
        Assert.Equal(
            "The front matter opened by '---' on line 3 is never closed: add a line with '---' after its last field.",
            Rejects("\n\n---\ntitle: Budget vote delayed\n\nThe vote was postponed.").Message);

    [Fact]
    public void Article_opening_with_a_horizontal_rule_then_prose_has_no_front_matter()
    {
        var article = Parse("---\nThe council met on Monday.\n\n# Budget vote delayed\n\nThe vote was postponed.");

        Assert.Equal(("Budget vote delayed", "<hr />\n<p>The council met on Monday.</p>\n<p>The vote was postponed.</p>\n"), (article.Title, article.BodyHtml));
    }

    [Fact]
    public void Article_opening_with_a_horizontal_rule_then_a_line_that_names_no_front_matter_field_has_no_front_matter() =>
        Assert.Equal(
            "Budget vote delayed",
            Parse("---\nUpdate: the vote moves to Friday.\n\n# Budget vote delayed\n\nThe vote was postponed.").Title);

    [Fact]
    public void A_date_in_the_front_matter_is_the_authors_even_when_it_is_the_uploads_creation_time()
    {
        var article = Parse($"---\ntitle: Headline\ndate: {Created:yyyy-MM-dd'T'HH:mm:ss'Z'}\n---\nText.");

        Assert.Equal((Created, true), (article.Published, article.DatedByAuthor));
    }

    [Fact]
    public void Without_a_date_the_article_is_dated_by_its_upload()
    {
        var article = Parse("Headline\n\nText.");

        Assert.Equal((Created, false), (article.Published, article.DatedByAuthor));
    }
}
