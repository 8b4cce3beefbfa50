namespace Serverless.Core.Discovery;

/// <summary>An IndexNow submission as the protocol defines its JSON body (https://www.indexnow.org/documentation).</summary>
public sealed record IndexNowBody(string Host, string Key, string KeyLocation, IReadOnlyList<string> UrlList);
