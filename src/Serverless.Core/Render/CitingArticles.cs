using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>The newest articles citing one, as its "cited in" list shows them, and how many others cite it.</summary>
public sealed record CitingArticles(IReadOnlyList<Backlink> Newest, int More);
