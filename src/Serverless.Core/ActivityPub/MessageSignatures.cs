using System.Security.Cryptography;
using System.Text;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// HTTP Message Signatures (RFC 9421) as fediverse servers send them (Mastodon 4.4+): verifying a request's
/// <c>Signature-Input</c>/<c>Signature</c> over <c>@method</c>, the target (<c>@target-uri</c>, or <c>@authority</c>
/// with <c>@path</c> or <c>@request-target</c>), <c>content-digest</c> (RFC 9530) for a body, and a time
/// (<c>created</c>, or a covered <c>date</c>), by an RSA key the sender's actor publishes.
/// </summary>
public static class MessageSignatures
{
    public const string RsaPkcs1Sha256 = "rsa-v1_5-sha256";

    public const string RsaPssSha512 = "rsa-pss-sha512";

    /// <summary>
    /// Why <paramref name="signature"/> is not valid for <paramref name="request"/> signed with
    /// <paramref name="publicKeyPem"/> at <paramref name="now"/>, or null when it is.
    /// </summary>
    public static string? Verify(MessageSignature signature, SignedRequest request, string publicKeyPem, DateTimeOffset now)
    {
        var covered = signature.Components;
        if (covered.Distinct(StringComparer.Ordinal).Count() != covered.Count || covered.Contains("@signature-params"))
        {
            // RFC 9421 2.5: a component appears once, and @signature-params is never a covered component.
            return "the signature lists a component twice, or @signature-params";
        }
        if (Uncovered(covered, request.Body.Length > 0) is { } missing)
        {
            return $"the signature does not cover {missing}";
        }
        if (Stale(signature, request, now) is { } stale)
        {
            return stale;
        }
        if (request.Body.Length > 0 && !ContentDigestMatches(request.Header("content-digest"), request.Body))
        {
            return "the Content-Digest does not match the body";
        }
        var padding = (signature.Algorithm ?? RsaPkcs1Sha256) switch
        {
            // RFC 9421 3.3.1 and 3.3.2; without alg the key decides (3.3.7), and the fediverse's keys are RSA signing with PKCS#1 v1.5.
            RsaPkcs1Sha256 => RSASignaturePadding.Pkcs1,
            RsaPssSha512 => RSASignaturePadding.Pss,
            _ => null,
        };
        if (padding is null)
        {
            return $"algorithm {signature.Algorithm} is not supported";
        }
        if (SignatureBase(signature, request) is not { } signatureBase)
        {
            return "the signature covers a header the request lacks, or a component not supported";
        }
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(publicKeyPem);
        }
        catch (ArgumentException)
        {
            return "the sender's key is not an RSA public key";
        }
        // PSS with SHA-512 uses a 64-byte salt (RFC 9421 3.3.1), .NET's Pss padding: the salt as long as the hash.
        var hash = padding == RSASignaturePadding.Pss ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        return rsa.VerifyData(Encoding.ASCII.GetBytes(signatureBase), signature.Signature, hash, padding) ? null : "the signature does not match";
    }

    /// <summary>The components a request must be signed over that <paramref name="covered"/> lacks, or null.</summary>
    private static string? Uncovered(IReadOnlyList<string> covered, bool hasBody)
    {
        if (!covered.Contains("@method"))
        {
            return "@method";
        }
        if (!covered.Contains("@target-uri") && !(covered.Contains("@authority") && (covered.Contains("@path") || covered.Contains("@request-target"))))
        {
            return "@target-uri (or @authority and @path)";
        }
        return hasBody && !covered.Contains("content-digest") ? "content-digest" : null;
    }

    /// <summary>
    /// Why the signature is too old or too new: <c>created</c> (or, without it, a covered <c>Date</c>) within
    /// <see cref="HttpSignatures.ClockSkew"/> of now, and <c>expires</c> not passed (RFC 9421 3.2, step 8).
    /// </summary>
    private static string? Stale(MessageSignature signature, SignedRequest request, DateTimeOffset now)
    {
        if (signature.Expires is { } expires && DateTimeOffset.FromUnixTimeSeconds(expires) < now)
        {
            return "the signature has expired";
        }
        if (signature.Created is { } created)
        {
            return (now - DateTimeOffset.FromUnixTimeSeconds(created)).Duration() > HttpSignatures.ClockSkew ? "the signature's created time is too far from now" : null;
        }
        if (!signature.Components.Contains("date"))
        {
            return "the signature has no created time and does not cover date";
        }
        return HttpSignatures.DateIsRecent(request.Header("date"), now) ? null : "the Date is missing or too far from now";
    }

    /// <summary>
    /// The signature base (RFC 9421 2.5): each covered component as <c>"name": value</c> on its line, then
    /// <c>"@signature-params"</c>; null when a covered header is absent or a component is not one this verifier derives.
    /// </summary>
    private static string? SignatureBase(MessageSignature signature, SignedRequest request)
    {
        var lines = new StringBuilder();
        foreach (var component in signature.Components)
        {
            if (ComponentValue(component, request) is not { } value)
            {
                return null;
            }
            lines.Append('"').Append(component).Append("\": ").Append(value).Append('\n');
        }
        return lines.Append("\"@signature-params\": ").Append(signature.SignatureParameters).ToString();
    }

    /// <summary>A derived component (RFC 9421 2.2) or a header's value, trimmed (2.1); null when the request has none.</summary>
    private static string? ComponentValue(string component, SignedRequest request)
    {
        var query = request.PathAndQuery.IndexOf('?');
        var path = query < 0 ? request.PathAndQuery : request.PathAndQuery[..query];
        var authority = request.Header("host")?.ToLowerInvariant();
        return component switch
        {
            "@method" => request.Method,
            "@target-uri" => $"{request.Scheme}://{authority}{request.PathAndQuery}",
            "@authority" => authority,
            "@scheme" => request.Scheme,
            "@path" => path.Length == 0 ? "/" : path,
            "@query" => query < 0 ? "?" : request.PathAndQuery[query..],
            "@request-target" => request.PathAndQuery,
            _ when component.StartsWith('@') => null,
            _ => request.Header(component)?.Trim(),
        };
    }

    /// <summary>
    /// Whether a <c>Content-Digest</c> (RFC 9530) matches the body: it names sha-256 or sha-512, and every one of those
    /// it names matches (other algorithms are ignored, 2).
    /// </summary>
    public static bool ContentDigestMatches(string? contentDigest, byte[] body)
    {
        var known = (StructuredFieldParser.ParseDictionary(contentDigest) ?? [])
            .Where(member => member.Key is "sha-256" or "sha-512")
            .ToList();
        return known.Count > 0 && known.All(member => member.Item.Value is byte[] digest
            && digest.AsSpan().SequenceEqual(member.Key == "sha-256" ? SHA256.HashData(body) : SHA512.HashData(body)));
    }
}
