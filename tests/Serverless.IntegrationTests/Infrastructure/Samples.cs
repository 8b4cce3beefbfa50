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
}
