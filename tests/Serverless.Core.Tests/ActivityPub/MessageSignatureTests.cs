using System.Text;
using Serverless.Core.ActivityPub;

namespace Serverless.Core.Tests.ActivityPub;

/// <summary>Reading RFC 9421 signature fields and RFC 9530 digests, with the RFCs' own examples.</summary>
public sealed class MessageSignatureTests
{
    private static readonly byte[] HelloWorld = Encoding.UTF8.GetBytes("{\"hello\": \"world\"}");

    [Fact]
    public void Signature_input_gives_its_components_parameters_and_the_text_that_ends_the_signature_base()
    {
        // RFC 9421 4.3's example, keyid and all.
        var signature = MessageSignature.Parse(
            "sig1=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\");created=1618884475;keyid=\"test-key-rsa-pss\"",
            "sig1=:YWJj:");

        Assert.NotNull(signature);
        Assert.Equal(["@method", "@authority", "@path", "content-digest", "content-length", "content-type"], signature.Components);
        Assert.Equal("test-key-rsa-pss", signature.KeyId);
        Assert.Equal(1618884475, signature.Created);
        Assert.Null(signature.Algorithm);
        Assert.Equal("(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\");created=1618884475;keyid=\"test-key-rsa-pss\"",
            signature.SignatureParameters);
        Assert.Equal("abc"u8.ToArray(), signature.Signature);
    }

    [Theory]
    [InlineData("sig1=(\"@method\");keyid=\"k\"", "sig2=:YWJj:")] // no Signature of the same label
    [InlineData("sig1=(\"@method\");alg=\"rsa-v1_5-sha256\"", "sig1=:YWJj:")] // no keyid to fetch the key by
    [InlineData("sig1=(\"content-digest\";sf);keyid=\"k\"", "sig1=:YWJj:")] // a component parameter, not supported
    [InlineData("sig1=(\"@method\";keyid=\"k\"", "sig1=:YWJj:")] // an unclosed inner list
    [InlineData("sig1=(\"@method\");keyid=\"k\",", "sig1=:YWJj:")] // a trailing comma
    public void Malformed_or_unusable_signature_fields_are_not_read(string signatureInput, string signature) =>
        Assert.Null(MessageSignature.Parse(signatureInput, signature));

    [Theory]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")]
    [InlineData("sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:")]
    [InlineData("unixsum=:MzA2:, sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")]
    public void Content_digest_of_rfc_9530_examples_matches_the_body(string contentDigest) =>
        Assert.True(MessageSignatures.ContentDigestMatches(contentDigest, HelloWorld));

    [Theory]
    [InlineData("sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:")] // {"hello": "world"} with a different body
    [InlineData("unixsum=:MzA2:")] // no algorithm the verifier knows
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:YWJj:")] // one known digest wrong
    [InlineData(null)]
    public void Content_digest_that_does_not_vouch_for_the_body_does_not_match(string? contentDigest) =>
        Assert.False(MessageSignatures.ContentDigestMatches(contentDigest, HelloWorld));
}
