using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Serverless.Core.Parsing;

/// <summary>The optional YAML front matter of an article. Every field is optional; unknown keys are reported as warnings.</summary>
public sealed partial record FrontMatter
{
    public string? Title { get; init; }
    public string? Slug { get; init; }
    public string? Description { get; init; }
    public string? Author { get; init; }

    /// <summary>Front matter <c>authors</c>: several bylines, each with its own page; <c>author</c> names one.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Lang { get; init; }
    public string? Image { get; init; }
    public string? ImageAlt { get; init; }
    public string? AuthorUrl { get; init; }
    public string? AuthorHandle { get; init; }

    /// <summary>Front matter <c>author_fediverse</c>: the author's handle on Mastodon and its kin, @name@server.</summary>
    public string? AuthorFediverse { get; init; }
    public string? Section { get; init; }
    public bool Draft { get; init; }

    /// <summary>Related articles named by title, slug, blob path or internal URL.</summary>
    public IReadOnlyList<string> Related { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static FrontMatter Empty { get; } = new();

    // YAML forbids a key given twice; without the check the last value would silently win.
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().WithDuplicateKeyChecking().Build();

    private static readonly string[] KnownKeys =
        ["title", "slug", "description", "author", "authors", "author_url", "author_x", "author_fediverse", "section", "date", "updated", "tags", "lang", "image", "image_alt", "draft", "related"];

    /// <param name="yaml">The lines between the fences.</param>
    /// <param name="firstLine">The file's line number of the first of those lines: messages give lines in the file the author edits.</param>
    /// <exception cref="ArticleFormatException">The YAML is malformed, a key is given twice or a field has the wrong type.</exception>
    public static FrontMatter Parse(string yaml, int firstLine)
    {
        Dictionary<string, object?>? values;
        try
        {
            values = Deserializer.Deserialize<Dictionary<string, object?>>(new RepeatedKeyCheck(new AliasCheck(new Parser(new StringReader(yaml)))));
        }
        catch (RepeatedKeyException repeated)
        {
            var (first, again) = (repeated.First, repeated.Repeated);
            var where = $"line {FileLine(again.Start)}, column {again.Start.Column}";
            throw new ArticleFormatException(first.Value == again.Value
                ? $"Front matter '{again.Value}' is given twice, on line {FileLine(first.Start)} and again at {where}: keep only one."
                : $"Front matter '{again.Value}' is given twice (keys are not case-sensitive): '{first.Value}' on line {FileLine(first.Start)} and '{again.Value}' at {where}. Keep only one.");
        }
        catch (AliasException alias)
        {
            throw new ArticleFormatException(
                $"Front matter uses the YAML alias '*{alias.Alias}' (line {FileLine(alias.Start)}, column {alias.Start.Column}): aliases are not allowed in front matter. Write the value out in full.");
        }
        catch (YamlException exception)
        {
            // Some reasons repeat the position, counted from the front matter's first line: only the file's is given.
            var reason = YamlPosition().Replace((exception.InnerException ?? exception).Message, string.Empty);
            throw new ArticleFormatException(
                $"The front matter is not valid YAML (line {FileLine(exception.Start)}, column {exception.Start.Column}): {reason}");
        }
        if (values is null)
        {
            return Empty;
        }

        // Keys given twice, even in different case, were stopped above; a key written as an alias is not seen there.
        var fields = new Dictionary<string, object?>(values.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            if (!fields.TryAdd(key, value))
            {
                throw new ArticleFormatException($"Front matter '{key}' is given twice (keys are not case-sensitive); keep only one.");
            }
        }
        var warnings = fields.Keys
            .Where(key => !KnownKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            .Select(key => $"Front matter key '{key}' is not used and was ignored.")
            .ToList();

        return new FrontMatter
        {
            Title = Text(fields, "title"),
            Slug = Text(fields, "slug"),
            Description = Text(fields, "description"),
            Author = Text(fields, "author"),
            Authors = List(fields, "authors"),
            Date = ReadDate(fields, "date"),
            Updated = ReadDate(fields, "updated"),
            // Comma-separated tags come as one YAML text: each is collapsed as list items are (controls from escapes dropped).
            Tags = [.. List(fields, "tags").Select(PlainText.Collapse).Where(tag => tag.Length > 0)],
            Lang = Text(fields, "lang"),
            Image = Text(fields, "image"),
            ImageAlt = Text(fields, "image_alt"),
            AuthorUrl = Text(fields, "author_url"),
            AuthorHandle = Text(fields, "author_x"),
            AuthorFediverse = Text(fields, "author_fediverse"),
            Section = Text(fields, "section"),
            Draft = Boolean(fields, "draft"),
            Related = fields.GetValueOrDefault("related") is string single ? [PlainText.Collapse(single)] : List(fields, "related"),
            Warnings = warnings,
        };

        long FileLine(Mark mark) => firstLine - 1 + mark.Line;
    }

    /// <summary>
    /// Whether the text opens a front matter that is never closed. Markdig takes a front matter only once it is closed;
    /// without this check the author would hear that the article has no title. So that a CMS article opening with a
    /// horizontal rule is not mistaken for one, the rule is: the first line is '---', and the lines after it, up to a
    /// blank line or the end of the text, are YAML fields: the first a 'key: value' line, the others 'key: value'
    /// lines, list items ('- item') or indented continuations, and at least one key is a front matter field.
    /// </summary>
    internal static bool IsOpenedButNeverClosed(string text)
    {
        if (!text.StartsWith("---", StringComparison.Ordinal))
        {
            return false;
        }
        using var reader = new StringReader(text);
        if (reader.ReadLine()!.TrimEnd() != "---")
        {
            return false;
        }
        var linesAfterFence = 0;
        var knownFields = 0;
        for (var line = reader.ReadLine(); line is not null && !string.IsNullOrWhiteSpace(line); line = reader.ReadLine(), linesAfterFence++)
        {
            if (FieldLine().Match(line) is { Success: true } field)
            {
                knownFields += KnownKeys.Contains(field.Groups["key"].Value, StringComparer.OrdinalIgnoreCase) ? 1 : 0;
            }
            else if (linesAfterFence == 0 || !ContinuationLine().IsMatch(line))
            {
                return false;
            }
        }
        return knownFields > 0;
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"^(?:[ \t]+\S|-(?:[ \t]|$))", RegexOptions.CultureInvariant)]
    private static partial Regex ContinuationLine();

    private static string? Text(Dictionary<string, object?> fields, string key) => fields.GetValueOrDefault(key) switch
    {
        null => null,
        string text => string.IsNullOrWhiteSpace(text) ? null : PlainText.Collapse(text),
        _ => throw new ArticleFormatException($"Front matter '{key}' must be text, not a list or a mapping."),
    };

    private static DateTimeOffset? ReadDate(Dictionary<string, object?> fields, string key)
    {
        var text = Text(fields, key);
        if (text is null)
        {
            return null;
        }
        // ISO 8601 only: TryParse alone also takes "12/11/2024", which a French author means as 12 November.
        // A date without an offset is taken as UTC so that the same file always publishes the same timestamp.
        if (IsoDate().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }
        throw new ArticleFormatException(
            $"Front matter '{key}' is not a date: '{text}'. Use ISO 8601, e.g. 2024-12-20 or 2024-12-20T09:30:00+01:00.");
    }

    [GeneratedRegex(@"\s*\(at Line: [0-9]+, Col: [0-9]+, Idx: [0-9]+\)", RegexOptions.CultureInvariant)]
    private static partial Regex YamlPosition();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    private static IReadOnlyList<string> List(Dictionary<string, object?> fields, string key) => fields.GetValueOrDefault(key) switch
    {
        null => [],
        // "tags: 5" is a number where a list was meant; a real tag has a letter.
        string text when key == "tags" && !text.Any(char.IsLetter) && text.Trim().Length > 0 =>
            throw new ArticleFormatException($"Front matter 'tags' must be a list of tags such as [politics, budget], not '{text}'."),
        string text => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        List<object?> items => [.. items.Select(item => item as string
            ?? throw new ArticleFormatException($"Front matter '{key}' must be a list of text items."))
            .Select(PlainText.Collapse).Where(item => item.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)],
        _ => throw new ArticleFormatException($"Front matter '{key}' must be a list or a comma-separated text."),
    };

    private static bool Boolean(Dictionary<string, object?> fields, string key) => Text(fields, key)?.ToLowerInvariant() switch
    {
        null or "false" or "no" or "off" => false,
        "true" or "yes" or "on" => true,
        var other => throw new ArticleFormatException($"Front matter '{key}' must be true or false, not '{other}'."),
    };
}
