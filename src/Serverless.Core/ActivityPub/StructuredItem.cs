namespace Serverless.Core.ActivityPub;

/// <summary>
/// An RFC 8941 structured-field item: its bare value (a <see cref="string"/> for a string or token, a <see cref="long"/>,
/// a <see cref="bool"/> or a <see cref="byte"/> array) and its parameters in order.
/// </summary>
public sealed record StructuredItem(object Value, IReadOnlyDictionary<string, object> Parameters);
