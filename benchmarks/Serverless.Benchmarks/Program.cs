using BenchmarkDotNet.Running;
using Markdig;
using Serverless.Benchmarks;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;

// `-- --late-binding [rounds]`: on the local server, how long until a citing page links to a target uploaded after it.
if (args is ["--late-binding", ..])
{
    return await LateBindingLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
}

// `-- --concurrent-uploads [articles] [--seed S] [--json-out FILE] [--reconcile-every SECONDS] [--idle-seconds SECONDS] [--call-sites]`: end-to-end
// publishing throughput of the generated corpus on the local server, storage requests per article by stage, Azurite's
// request rate and CPU, then the idle server's cost (--call-sites: which of the product's methods sent each resource's requests); with --json-out, the same rows as {"rows":[{"name","value","unit"}]}.
if (args is ["--concurrent-uploads", ..])
{
    return await ConcurrentUploads.RunAsync(
        args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000,
        OptionValue(args, "--seed") ?? 1,
        Array.IndexOf(args, "--json-out") is var jsonAt and >= 0 && jsonAt + 1 < args.Length ? args[jsonAt + 1] : null,
        OptionValue(args, "--reconcile-every") is { } reconcileSeconds ? TimeSpan.FromSeconds(reconcileSeconds) : null,
        TimeSpan.FromSeconds(OptionValue(args, "--idle-seconds") ?? 30),
        callSites: args.Contains("--call-sites"));
}

// `-- --generate-corpus DIR [--count N] [--seed S]`: writes a deterministic corpus of French and English articles an author could `upload`.
if (args is ["--generate-corpus", var corpusDirectory, ..])
{
    var count = OptionValue(args, "--count") ?? 1000;
    var seed = OptionValue(args, "--seed") ?? 1;
    var written = await CorpusGenerator.WriteAsync(Path.GetFullPath(corpusDirectory), count, seed);
    Console.WriteLine($"{written.Count} articles ({written.Sum(article => article.Content.Length) / 1024} KB; {written.Count(article => article.Language == "fr")} French, "
        + $"{written.Count(article => article.Style == CorpusStyle.HeadlineFirst)} headline-first) written to {Path.GetFullPath(corpusDirectory)} from seed {seed}");
    return 0;
}

// `-- --startup [runs]`, `-- --memory-idle [articles] [--seeded]`, `-- --functions-startup [runs]` (each with `--json-out F`): start, memory and idle cost.
if (args is ["--startup" or "--memory-idle" or "--functions-startup", ..])
{
    int? count = args.Length > 1 && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var given) ? given : null;
    var jsonOut = ReportRow.Option(args, "--json-out");
    return args[0] switch
    {
        "--startup" => await StartupTimes.RunAsync(count ?? 5, jsonOut),
        "--memory-idle" => await MemoryAndIdle.RunAsync(count ?? 10_000, jsonOut, seeded: args.Contains("--seeded")),
        _ => await FunctionsStartup.RunAsync(count ?? 5, jsonOut),
    };
}

// `-- --search [articles] [--json-out F]`: reader search over the generated corpus: index size and time, warm and cold queries, memory, a merge.
if (args is ["--search", ..])
{
    return await SearchBenchmark.RunAsync(args.Length > 1 && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var searched) ? searched : 10_000,
        ReportRow.Option(args, "--json-out"));
}

// `-- --loop ARTICLE [FILTER] [--seconds S]`: the render benchmarks in a plain timed loop, to profile (see TimedLoop).
if (args is ["--loop", var loopArticle, ..])
{
    var filter = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? args[2] : string.Empty;
    return TimedLoop.Run(loopArticle, filter, TimeSpan.FromSeconds(OptionValue(args, "--seconds") ?? 5));
}

// `-- --images [runs]`: encode time and bytes per variant and format of a 3000×2000 photo (ImageVariantsCost).
if (args is ["--images", ..])
{
    return ImageVariantsCost.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
}

// `-- --check` prints what the benchmarks work on (sizes, derived metadata, warnings) instead of measuring.
if (args is ["--check"])
{
    var parser = BenchmarkArticles.NewParser();
    var renderer = BenchmarkArticles.NewRenderer();
    foreach (var name in new[] { BenchmarkArticles.Sample, BenchmarkArticles.Synthetic })
    {
        var source = BenchmarkArticles.Source(name);
        var article = parser.Parse(source);
        var page = renderer.Render(ArticlePage.Standalone(article));
        var markdig = Markdown.ToHtml(source.Text, MarkdownPipelines.Article);
        Console.WriteLine($"{name}: source {source.Text.Length} chars, Markdig HTML {markdig.Length}, body HTML {article.BodyHtml.Length}, page {page.Length} chars");
        Console.WriteLine($"  title '{article.Title}', slug {article.Slug}, lang {article.Language}, {article.WordCount} words, {article.Links.Count} links to articles, warnings: {article.Warnings.Count}");
        foreach (var warning in article.Warnings)
        {
            Console.WriteLine("    " + warning);
        }
    }
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkArticles).Assembly).Run(args);
return 0;

static int? OptionValue(string[] args, string name) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
