using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// Where a command reports: lines for people, or with <c>--json</c> one JSON document on standard output and no lines.
/// Problems that stop a command (no server) go to standard error as a line, or into the document as <c>error</c>.
/// </summary>
public sealed class CommandOutput(TextWriter output, TextWriter error, bool json)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A terminal or a script reads this, not a browser: keep "à" readable rather than "\u00E0".
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public bool IsJson => json;

    /// <summary>A line for people; nothing in JSON mode.</summary>
    public void Line(string text)
    {
        if (!json)
        {
            output.WriteLine(text);
        }
    }

    /// <summary>
    /// A line for people that scripts should not have to skip: on standard error, so that standard output holds only
    /// what a script reads (<c>open</c>'s URL); nothing in JSON mode.
    /// </summary>
    public void Aside(string text)
    {
        if (!json)
        {
            error.WriteLine(text);
        }
    }

    /// <summary>How a long run is going: a line among the others, or on standard error in JSON mode (standard output keeps one document).</summary>
    public void Progress(string text) => (json ? error : output).WriteLine(text);

    /// <summary>Something the reader should know that does not change the outcome: a line on standard error, in both modes.</summary>
    public void Warn(string text) => error.WriteLine(text);

    /// <summary>The command's result as JSON; nothing in text mode.</summary>
    public void Document(object value)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
        }
    }

    /// <summary>Why the command could not run at all; returns <paramref name="exitCode"/> for the caller to exit with.</summary>
    public int Fail(int exitCode, string message)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { error = message, exitCode }, JsonOptions));
        }
        else
        {
            error.WriteLine(message);
        }
        return exitCode;
    }
}
