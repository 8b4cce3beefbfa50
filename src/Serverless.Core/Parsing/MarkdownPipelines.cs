using Markdig;

namespace Serverless.Core.Parsing;

/// <summary>The one Markdig pipeline: built once, immutable, shared by every parse and render.</summary>
public static class MarkdownPipelines
{
    /// <summary>
    /// Extensions are listed one by one rather than through UseAdvancedExtensions, which would also enable generic
    /// attributes (<c>{onclick=...}</c>): nothing an author writes may add attributes or scripts. Raw HTML is disabled,
    /// so it renders as escaped text: safe by construction, with no sanitizing pass over the output.
    /// </summary>
    public static MarkdownPipeline Article { get; } = new MarkdownPipelineBuilder { MaximumNestingDepth = ArticleParser.MaxNestingDepth }
        .UseYamlFrontMatter()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoLinks()
        .UseAutoIdentifiers()
        .DisableHtml()
        .Build();
}
