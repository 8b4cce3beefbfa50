using System.Text;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using SharpFuzz;

// Fuzz target: an uploaded file's bytes → ArticleParser.Parse → the article page and the share snippet.
// ArticleFormatException is the parser's answer to a bad article; any other exception is a crash for the fuzzer.
//   dotnet Serverless.Fuzz.dll                 run under afl-fuzz (SharpFuzz's out-of-process protocol)
//   dotnet Serverless.Fuzz.dll --libfuzzer     run under libfuzzer-dotnet
//   dotnet Serverless.Fuzz.dll FILE|FOLDER…    replay inputs (a crash found, a corpus) and report each failure
// Instrumented code may only run inside Fuzzer.*.Run, once the coverage map is shared: the target is made there.
ArticleTarget? target = null;
if (args is ["--libfuzzer"])
{
    Fuzzer.LibFuzzer.Run(bytes => (target ??= new()).Run(bytes));
}
else if (args.Length > 0)
{
    var failures = 0;
    target = new ArticleTarget();
    foreach (var file in args.SelectMany(path => Directory.Exists(path) ? Directory.GetFiles(path) : [path]))
    {
        try
        {
            target.Run(File.ReadAllBytes(file));
        }
        catch (Exception crash)
        {
            failures++;
            Console.WriteLine($"{file}: {crash}");
        }
    }
    Console.WriteLine($"{failures} failed");
    return failures == 0 ? 0 : 1;
}
else
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        (target ??= new()).Run(memory.ToArray());
    });
}
return 0;

internal sealed class ArticleTarget
{
    private static readonly DateTimeOffset Created = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private const string JsonLdStart = "<script type=\"application/ld+json\">";

    private readonly ArticleParser _parser = new("en", "https://news.example.com");
    private readonly ArticlePageRenderer _pages;
    private readonly ShareSnippetBuilder _share;

    public ArticleTarget()
    {
        var site = new SiteOptions { PublicBaseUrl = "https://news.example.com/", Name = "Fuzzed News", XHandle = "fuzzednews" };
        var urls = new SiteUrls(site);
        var tags = new SocialMetaTags(site, urls);
        _pages = new ArticlePageRenderer(new SiteLayout(site), tags, urls);
        _share = new ShareSnippetBuilder(site, urls, tags);
    }

    public void Run(ReadOnlySpan<byte> bytes)
    {
        Serverless.Core.Articles.Article article;
        try
        {
            // Invalid UTF-8 is replaced, as a lenient reader would; the ingester refuses it before parsing.
            article = _parser.Parse(new ArticleSource("fuzz/input.md", Encoding.UTF8.GetString(bytes), Created, Created));
        }
        catch (ArticleFormatException)
        {
            return;
        }
        var page = _pages.Render(ArticlePage.Standalone(article));
        _share.Build(article);
        // The one script a page may hold is its JSON-LD block: another "<script" means text escaped its encoding.
        var firstScript = page.IndexOf("<script", StringComparison.OrdinalIgnoreCase);
        if (page.IndexOf("<script", firstScript + 1, StringComparison.OrdinalIgnoreCase) >= 0 || string.CompareOrdinal(page, firstScript, JsonLdStart, 0, JsonLdStart.Length) != 0)
        {
            throw new InvalidOperationException("The page holds a script other than its JSON-LD block.");
        }
    }
}
