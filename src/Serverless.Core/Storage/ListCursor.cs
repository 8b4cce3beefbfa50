using Serverless.Core.Parsing;

namespace Serverless.Core.Storage;

/// <summary>Listing cursors: the last RowKey seen, base64url-encoded so clients treat it as opaque.</summary>
public static class ListCursor
{
    public static string Encode(string rowKey) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(rowKey));

    public static bool TryDecode(string? token, out string? rowKey)
    {
        rowKey = null;
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return false;
        }
        // TryDecodeFromChars throws on characters outside the alphabet: check first, a bad token is an answer, not an error.
        if (!System.Buffers.Text.Base64Url.IsValid(token, out var length))
        {
            return false;
        }
        var bytes = new byte[length];
        var written = System.Buffers.Text.Base64Url.DecodeFromChars(token, bytes);
        var decoded = System.Text.Encoding.UTF8.GetString(bytes, 0, written);
        // Only keys this backend writes are accepted: 19 digits of a time, a hyphen, a slug.
        if (!TableKeys.IsListingRow(decoded))
        {
            return false;
        }
        rowKey = decoded;
        return true;
    }
}
