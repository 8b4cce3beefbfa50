using Serverless.Core.Storage;

namespace Serverless.Core.Linking;

/// <summary>The rows read from one keyword or tag partition, with the weight the article looking for related ones gives that keyword or tag.</summary>
public sealed record CandidateRows(double Weight, bool IsTag, IReadOnlyList<KeywordEntity> Rows);
