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
