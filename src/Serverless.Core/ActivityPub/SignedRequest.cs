namespace Serverless.Core.ActivityPub;

/// <summary>
/// What a signature verifier reads of a request: its method, the scheme it came by (<c>X-Forwarded-Proto</c> when a
/// front end set it), path and query, headers by lower-case name (<c>host</c> the authority), and body.
/// </summary>
public sealed record SignedRequest(string Method, string Scheme, string PathAndQuery, Func<string, string?> Header, byte[] Body);
