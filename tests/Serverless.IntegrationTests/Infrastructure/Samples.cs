namespace Serverless.IntegrationTests.Infrastructure;

public static class Samples
{
    public const string SonyBlobName = "sony-pictures-the-interview.txt";
    public const string SonySlug = "sony-pictures-anonymous-et-bittorrent-prets-a-diffuser-the-interview";

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    public static string FrontMatterArticle(string title, string body = "A first paragraph with enough words to describe the article well.", string extra = "") =>
        $"""
        ---
        title: "{title}"
        author: Jane Doe
        date: 2024-12-20T09:30:00+01:00
        tags: [azure, functions]
        lang: en
        {extra}
        ---
        {body}

        A second paragraph.
        """;

    /// <summary>An article with its own date and tags (YAML flow list, e.g. <c>[azure, "Cyber-sécurité"]</c>); <paramref name="extra"/> adds front matter lines.</summary>
    public static string Article(string title, string date, string tags = "[]", string extra = "", string body = "What happened, told in a few plain words for the readers.") =>
        $"""
        ---
        title: "{title}"
        author: Jane Doe
        date: {date}
        tags: {tags}
        lang: en
        {extra}
        ---
        {body}
        """;
}
