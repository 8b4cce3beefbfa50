using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// HTTP Signatures as the fediverse uses them (draft-cavage-http-signatures-12, rsa-sha256): the signing string is the
/// listed headers, each <c>name: value</c> on its line, <c>(request-target)</c> being the method in lower case and the
/// path. A POST signs <c>(request-target) host date digest</c>, its <c>Digest</c> being the body's SHA-256.
/// </summary>
public static class HttpSignatures
{
    /// <summary>How far a request's <c>Date</c> may be from the receiver's clock: Mastodon's allowance.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromHours(12);

    public static string Digest(ReadOnlySpan<byte> body) => "SHA-256=" + Convert.ToBase64String(SHA256.HashData(body));

    public static string SigningString(IEnumerable<string> headers, Func<string, string?> valueOf) =>
        string.Join('\n', headers.Select(name => $"{name}: {valueOf(name)}"));

    /// <summary>Signs <paramref name="request"/> with the actor's key: sets <c>Host</c>, <c>Date</c>, <c>Digest</c> (with a body) and <c>Signature</c>.</summary>
    public static void Sign(HttpRequestMessage request, byte[]? body, string keyId, Func<byte[], byte[]> sign, DateTimeOffset now)
    {
        var uri = request.RequestUri!;
        var values = new Dictionary<string, string>
        {
            ["(request-target)"] = $"{request.Method.Method.ToLowerInvariant()} {uri.PathAndQuery}",
            ["host"] = uri.Authority,
            ["date"] = now.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture),
        };
        if (body is not null)
        {
            values["digest"] = Digest(body);
            request.Headers.TryAddWithoutValidation("Digest", values["digest"]);
        }
        request.Headers.Host = values["host"];
        request.Headers.TryAddWithoutValidation("Date", values["date"]);
        var headers = values.Keys.ToList();
        var signature = sign(Encoding.UTF8.GetBytes(SigningString(headers, name => values[name])));
        request.Headers.TryAddWithoutValidation("Signature", new SignatureHeader(keyId, "rsa-sha256", headers, signature).ToString());
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is valid for the request: made with <paramref name="publicKeyPem"/> over the
    /// headers it lists, which must include the request target, Host and Date (and Digest with a body, matching it), the
    /// Date within <see cref="ClockSkew"/> of <paramref name="now"/>. Returns why not, or null when valid.
    /// </summary>
    public static string? Verify(SignatureHeader signature, SignedRequest request, string publicKeyPem, DateTimeOffset now)
    {
        var (header, body) = (request.Header, request.Body);
        string[] required = body.Length > 0 ? ["(request-target)", "host", "date", "digest"] : ["(request-target)", "host", "date"];
        if (required.FirstOrDefault(name => !signature.Headers.Contains(name)) is { } missing)
        {
            return $"the signature does not cover {missing}";
        }
        if (signature.Algorithm is { } algorithm && algorithm is not ("rsa-sha256" or "hs2019"))
        {
            return $"algorithm {algorithm} is not supported";
        }
        if (!DateIsRecent(header("date"), now))
        {
            return "the Date is missing or too far from now";
        }
        if (body.Length > 0 && !DigestMatches(header("digest"), body))
        {
            return "the Digest does not match the body";
        }
        var signingString = SigningString(signature.Headers, name => name == "(request-target)" ? $"{request.Method.ToLowerInvariant()} {request.PathAndQuery}" : header(name));
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(publicKeyPem);
        }
        catch (ArgumentException)
        {
            return "the sender's key is not an RSA public key";
        }
        return rsa.VerifyData(Encoding.UTF8.GetBytes(signingString), signature.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            ? null
            : "the signature does not match";
    }

    /// <summary>Whether a <c>Date</c> header is there and within <see cref="ClockSkew"/> of <paramref name="now"/>.</summary>
    public static bool DateIsRecent(string? date, DateTimeOffset now) =>
        DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) && (now - parsed).Duration() <= ClockSkew;

    /// <summary>A <c>Digest</c> header may list several digests (RFC 3230); the SHA-256 one must be there and match.</summary>
    private static bool DigestMatches(string? digest, byte[] body)
    {
        var expected = Digest(body);
        return digest is not null && digest.Split(',').Any(part => part.Trim() is var value
            && value.StartsWith("SHA-256=", StringComparison.OrdinalIgnoreCase) && value[8..] == expected[8..]);
    }
}
