namespace Serverless.Core.Sharing;

/// <summary>A label and its value, as Slack shows <c>twitter:label1</c>/<c>twitter:data1</c>.</summary>
public sealed record PreviewField(string Label, string Value);
