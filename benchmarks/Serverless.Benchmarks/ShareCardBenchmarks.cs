using BenchmarkDotNet.Attributes;
using Serverless.Core.Rendering;

namespace Serverless.Benchmarks;

/// <summary>
/// What drawing one share card costs at publish time: the layout alone (fonts measured, nothing drawn), and the whole
/// card, layout, drawing and PNG encoding. The sample's French title fits on two lines at the largest size; the long one
/// shrinks to the smallest and is cut with an ellipsis, the most measuring a card does.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class ShareCardBenchmarks
{
    public const string Sample = "sample", LongTitle = "long-300";

    private ShareCardContent _content = null!;

    [Params(Sample, LongTitle)]
    public string Title { get; set; } = Sample;

    [GlobalSetup]
    public void Setup()
    {
        var title = Title == Sample
            ? "Sony Pictures : Anonymous et BitTorrent prêts à diffuser The Interview ?"
            : string.Join(' ', Enumerable.Repeat("Le gouvernement reporte encore le vote du budget", 7))[..300];
        _content = new ShareCardContent(title, "Serverless News", "19 décembre 2014", ["cinéma", "piratage", "sony"]);
        ShareCardRenderer.Render(_content); // loads the embedded fonts once, as the first card of a process does
    }

    [Benchmark(Description = "Layout")]
    public ShareCardLayout Layout() => ShareCardLayout.Of(_content);

    [Benchmark(Baseline = true, Description = "Layout + draw + PNG")]
    public byte[] Render() => ShareCardRenderer.Render(_content);
}
