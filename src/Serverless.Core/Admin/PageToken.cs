using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Serverless.Core.Admin;

/// <summary>
/// Continuation tokens as clients see them: a position only this backend reads (a storage continuation, a place in the
/// failure report), base64url-encoded so that it travels unchanged in a query string and reads as opaque.
/// </summary>
public static class PageToken
{
    /// <summary>Longer tokens are refused before decoding: no position this backend writes comes near.</summary>
    private const int MaxLength = 4096;

    public static string Encode(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    /// <summary>The position a token stands for; false for anything this backend did not write (not base64url, too long, control characters).</summary>
    public static bool TryDecode(string? token, [NotNullWhen(true)] out string? position)
    {
        position = null;
        // DecodeFromChars throws on characters outside the alphabet: checked first, since a bad token is an answer, not an error.
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength || !Base64Url.IsValid(token, out var length))
        {
            return false;
        }
        var bytes = new byte[length];
        var written = Base64Url.DecodeFromChars(token, bytes);
        string decoded;
        try
        {
            decoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        if (decoded.Length == 0 || decoded.Any(char.IsControl))
        {
            return false;
        }
        position = decoded;
        return true;
    }

    /// <summary>
    /// A table query's continuation as the Azure SDK writes it: the next partition and row keys, separated by a space.
    /// Storage itself refuses keys it did not write (400), which the handlers answer as a bad token.
    /// </summary>
    public static bool TryDecodeTableContinuation(string? token, [NotNullWhen(true)] out string? continuation) =>
        TryDecode(token, out continuation) && IsTableContinuation(continuation);

    /// <summary>Shaped as the SDK writes a table query's continuation: two keys and a space between.</summary>
    public static bool IsTableContinuation(string continuation) => continuation.Split(' ') is [{ Length: > 0 }, _];
}
