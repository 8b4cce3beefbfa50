namespace Serverless.Core.Search;

/// <summary>A text field and how much a match in it weighs.</summary>
public sealed record WeightedField(string Name, float Weight);
