using Markdig.Syntax;

namespace Serverless.Core.Parsing;

/// <summary>An article's title and the body left once the title is taken out of it.</summary>
/// <param name="Body">The parsed document, or a new one when the headline could not be cut out of the parsed tree.</param>
internal sealed record TitledBody(string Title, MarkdownDocument Body);
