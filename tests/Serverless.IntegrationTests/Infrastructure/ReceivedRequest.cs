namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>A request as a <see cref="TestReceiver"/> got it.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body);
