using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Serverless.Core.Rendering;

/// <summary>Encoding for each output context. Non-ASCII letters stay readable; only what is significant in HTML is escaped.</summary>
public static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Encodes text for an element's content or a quoted attribute value.</summary>
    public static string Encode(string? text) => text is null ? string.Empty : Encoder.Encode(text);

    /// <summary>Appends <paramref name="text"/> encoded as <see cref="Encode"/> does, without a string for the encoded text.</summary>
    public static StringBuilder AppendHtml(this StringBuilder builder, string? text)
    {
        if (text is null)
        {
            return builder;
        }
        // Into a pooled buffer rather than onto the stack: a stack buffer is cleared on every call, most of which find
        // nothing to encode. Each character encodes to at most 10 ("&#x10FFFF;"); a longer text goes piece by piece.
        var encoded = ArrayPool<char>.Shared.Rent(512);
        var rest = text.AsSpan();
        while (true)
        {
            var status = Encoder.Encode(rest, encoded, out var consumed, out var written, isFinalBlock: true);
            builder.Append(encoded, 0, written);
            rest = rest[consumed..];
            if (status != OperationStatus.DestinationTooSmall)
            {
                ArrayPool<char>.Shared.Return(encoded);
                return builder;
            }
        }
    }

    /// <summary>
    /// JSON inside a &lt;script&gt; data block: System.Text.Json's default escaper turns <c>&lt;</c>, <c>&gt;</c>
    /// and <c>&amp;</c> into \u003C-style escapes, so a title holding "&lt;/script&gt;" cannot end the script.
    /// </summary>
    public static JsonSerializerOptions ScriptJson { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
