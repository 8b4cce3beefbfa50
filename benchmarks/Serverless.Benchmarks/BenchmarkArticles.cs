using System.Globalization;
using System.Text;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;

namespace Serverless.Benchmarks;

/// <summary>The inputs every benchmark shares: the repository's sample article, a larger synthetic one, and the site set up as the local server does.</summary>
public static class BenchmarkArticles
{
    public const string Sample = "sample";
    public const string Synthetic = "synthetic-20k";

    /// <summary>Stands in for a blob's storage times; front matter dates win when present.</summary>
    private static readonly DateTimeOffset StorageTime = new(2024, 12, 20, 9, 30, 0, TimeSpan.Zero);

    public static SiteOptions Site { get; } = new()
    {
        PublicBaseUrl = "https://news.example.com",
        Name = "Serverless News",
        DefaultLanguage = "fr",
        XHandle = "@serverlessnews",
    };

    public static ArticleParser NewParser() => new(Site.DefaultLanguage);

    public static ArticlePageRenderer NewRenderer()
    {
        var urls = new SiteUrls(Site);
        return new ArticlePageRenderer(new SiteLayout(Site), new SocialMetaTags(Site, urls), urls);
    }

    public static ArticleSource Source(string name) => name switch
    {
        Sample => new ArticleSource("sony-pictures-the-interview.txt", SampleText(), StorageTime, StorageTime),
        Synthetic => new ArticleSource("synthetic.md", SyntheticText(), StorageTime, StorageTime),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown benchmark article."),
    };

    /// <summary>samples/articles/sony-pictures-the-interview.txt, copied next to the assembly by the project file.</summary>
    public static string SampleText() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "sony-pictures-the-interview.txt"));

    private static readonly string[] Sentences =
    [
        "The city council approved the new transport plan on Tuesday after a debate that lasted well into the night.",
        "Critics said the budget left too little for maintenance, while supporters pointed to **faster buses** and safer crossings.",
        "According to the [official report](https://example.org/reports/transport-2024), ridership grew by *twelve percent* last year.",
        "Residents who attended the meeting asked for more frequent night services and better lighting at the stops.",
        "The mayor promised that the first works would start in spring and that every district would be consulted.",
        "Several business owners, however, fear that months of roadworks will keep customers away from the centre.",
        "An independent study by the [university's urban lab](https://example.edu/urban-lab/studies/42) reached similar conclusions.",
        "The opposition called the vote *rushed* and said it would ask the regional court to review the procedure.",
        "Cycling groups welcomed the plan but noted that the proposed lanes stop short of the industrial zone.",
        "Officials expect the changes to cut average commuting times by about eight minutes on the busiest lines.",
        "The project will be financed partly by a **green bond** and partly by a grant from the national government.",
        "A public dashboard at <https://example.org/dashboard> will show progress, costs and delays as they happen.",
    ];

    private static readonly string[] Headings =
    [
        "What the plan changes", "Who pays for it", "The opposition's objections", "What residents asked for",
        "Buses and trams", "Cycling and walking", "The timetable", "Businesses in the centre",
        "What the experts say", "The regional court", "Costs and financing", "What happens next",
    ];

    /// <summary>
    /// A ~20 KB Markdown article with YAML front matter (no description or language: both are derived from the body),
    /// headings, paragraphs with emphasis and links, bullet and numbered lists, a quote and a trailing "Read also" block.
    /// Deterministic, so every run measures the same input.
    /// </summary>
    public static string SyntheticText()
    {
        var text = new StringBuilder(24 * 1024);
        text.Append("""
            ---
            title: "City council approves a transport plan: buses, trams and bike lanes by 2027"
            date: 2024-12-18T08:00:00Z
            updated: 2024-12-19T10:15:00Z
            author: Jane Doe
            tags: [transport, city council, cycling, budget]
            image: /images/transport-plan.jpg
            image_alt: A bus crossing the main square at dusk
            ---

            """).Append('\n');
        var sentence = 0;
        string Next() => Sentences[sentence++ % Sentences.Length];
        text.Append(Next()).Append(' ').Append(Next()).Append(' ').Append(Next()).Append("\n\n");
        for (var section = 0; section < Headings.Length; section++)
        {
            text.Append("## ").Append(Headings[section]).Append("\n\n");
            for (var paragraph = 0; paragraph < (section % 2 == 0 ? 4 : 3); paragraph++)
            {
                text.Append(Next()).Append(' ').Append(Next()).Append(' ').Append(Next()).Append("\n\n");
            }
            for (var item = 1; item <= 4; item++)
            {
                text.Append(CultureInfo.InvariantCulture, $"- Point {item} of section {section + 1}: *{Headings[(section + item) % Headings.Length].ToLowerInvariant()}*, see [details](https://example.org/plan/{section + 1}/{item}).\n");
            }
            text.Append('\n');
            if (section % 3 == 0)
            {
                text.Append("> ").Append(Next()).Append("\n\n");
            }
            if (section % 4 == 1)
            {
                for (var step = 1; step <= 3; step++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{step}. Step {step}: the `phase-{step}` works, **{2024 + step}**.\n");
                }
                text.Append('\n');
            }
        }
        text.Append("Read also:\n\n")
            .Append("[Bus fares to rise by 5% in January](https://news.example.com/articles/bus-fares-to-rise)\n\n")
            .Append("[The tram line that never was](https://news.example.com/articles/the-tram-line-that-never-was)\n");
        return text.ToString();
    }
}
