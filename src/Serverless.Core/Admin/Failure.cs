
namespace Serverless.Core.Admin;

/// <param name="At">When the poison message was queued; for a source, when it was processed.</param>
public sealed record Failure(FailureKind Kind, string? BlobName, string? Slug, string Reason, DateTimeOffset? At);
