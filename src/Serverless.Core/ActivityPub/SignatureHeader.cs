namespace Serverless.Core.ActivityPub;

/// <summary>The parameters of a draft-cavage <c>Signature</c> header: <c>keyId</c>, <c>algorithm</c>, <c>headers</c>, <c>signature</c>.</summary>
public sealed record SignatureHeader(string KeyId, string? Algorithm, IReadOnlyList<string> Headers, byte[] Signature)
{
    /// <summary>The header's parameters, or null when it is not a well-formed signature.</summary>
    public static SignatureHeader? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in header.Split(','))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return null;
            }
            parameters[part[..equals].Trim()] = part[(equals + 1)..].Trim().Trim('"');
        }
        if (!parameters.TryGetValue("keyId", out var keyId) || !parameters.TryGetValue("signature", out var signature))
        {
            return null;
        }
        try
        {
            // Without a headers parameter only Date is signed (draft-cavage-http-signatures-12, 2.1.6).
            var headers = parameters.TryGetValue("headers", out var list) ? list.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries) : ["date"];
            return new SignatureHeader(keyId, parameters.GetValueOrDefault("algorithm"), headers, Convert.FromBase64String(signature));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public override string ToString() =>
        $"keyId=\"{KeyId}\",algorithm=\"{Algorithm}\",headers=\"{string.Join(' ', Headers)}\",signature=\"{Convert.ToBase64String(Signature)}\"";
}
