namespace Serverless.Core.ActivityPub;

/// <summary>
/// One member of an RFC 8941 structured-field dictionary: an item or an inner list (<see cref="InnerList"/>, then
/// <see cref="Item"/> holds no value but the list's parameters), with the member's value as it was written.
/// </summary>
public sealed record StructuredMember(string Key, StructuredItem Item, IReadOnlyList<StructuredItem>? InnerList, string Text);
