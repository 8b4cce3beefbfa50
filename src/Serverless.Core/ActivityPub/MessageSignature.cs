namespace Serverless.Core.ActivityPub;

/// <summary>
/// One RFC 9421 signature of a request: the <c>Signature-Input</c> member (its covered components and parameters,
/// <see cref="SignatureParameters"/> being the member's value as written, which ends the signature base) and the
/// <c>Signature</c> member of the same label.
/// </summary>
public sealed record MessageSignature(string Label, IReadOnlyList<string> Components, string SignatureParameters, string KeyId, string? Algorithm,
    long? Created, long? Expires, byte[] Signature)
{
    /// <summary>
    /// The first signature of <paramref name="signatureInput"/> that <paramref name="signature"/> carries, or null when
    /// none is well formed: components are strings without parameters (<c>;sf</c>, <c>;key</c>, <c>;req</c> are not
    /// supported), and <c>keyid</c> is required, since the key is fetched by it.
    /// </summary>
    public static MessageSignature? Parse(string? signatureInput, string? signature)
    {
        if (StructuredFieldParser.ParseDictionary(signatureInput) is not { } inputs || StructuredFieldParser.ParseDictionary(signature) is not { } signatures)
        {
            return null;
        }
        foreach (var input in inputs)
        {
            if (input.InnerList is not { } list || signatures.FirstOrDefault(candidate => candidate.Key == input.Key)?.Item.Value is not byte[] bytes
                || input.Item.Parameters.GetValueOrDefault("keyid") is not string keyId
                || list.Any(component => component.Value is not string || component.Parameters.Count > 0))
            {
                continue;
            }
            var parameters = input.Item.Parameters;
            return new MessageSignature(input.Key, [.. list.Select(component => (string)component.Value)], input.Text, keyId,
                parameters.GetValueOrDefault("alg") as string, parameters.GetValueOrDefault("created") as long?, parameters.GetValueOrDefault("expires") as long?, bytes);
        }
        return null;
    }
}
