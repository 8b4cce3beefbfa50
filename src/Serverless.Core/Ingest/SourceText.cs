using System.Text;
using Serverless.Core.Parsing;

namespace Serverless.Core.Ingest;

/// <summary>How an uploaded file's bytes become the text the parser reads, or an author-facing refusal.</summary>
public static class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The text of an upload: UTF-8, with or without its byte order mark, or UTF-16 and UTF-32 when a byte order mark
    /// says so (what Windows editors save as "Unicode"). Anything else, and text holding NUL characters (a binary file
    /// with a text name), is refused with what to do.
    /// </summary>
    public static string Decode(byte[] content)
    {
        var (encoding, preamble) = content switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] => ((Encoding)new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true), 4),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: true), 4),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true), 2),
            [0xEF, 0xBB, 0xBF, ..] => (StrictUtf8, 3),
            _ => (StrictUtf8, 0),
        };
        string text;
        try
        {
            text = encoding.GetString(content, preamble, content.Length - preamble);
        }
        catch (DecoderFallbackException exception)
        {
            throw new ArticleFormatException(preamble > 0 && encoding != StrictUtf8
                ? $"The file starts as {encoding.WebName} text but has an invalid sequence at byte {exception.Index + preamble}. Save it as UTF-8 and upload it again."
                : $"The file is not UTF-8 text (invalid byte at position {exception.Index + preamble}). Save it as UTF-8 and upload it again.");
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArticleFormatException("The file is binary, not text (it holds NUL characters). Upload the article as a Markdown or text file saved as UTF-8.");
        }
        return text;
    }
}
