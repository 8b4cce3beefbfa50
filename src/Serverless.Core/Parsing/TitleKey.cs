using System.Text;
using AnyAscii;

namespace Serverless.Core.Parsing;

/// <summary>
/// What identifies an article by its title when a CMS names related articles only by title: case, accents,
/// apostrophes, quotes and ellipses are ignored ("l'Empire contre-attaque..." matches "L’Empire contre-attaque…").
/// </summary>
public static class TitleKey
{
    private const string Ignored = "'’‘`´\"“”„«»‹›…";

    public static string From(string title)
    {
        var builder = new StringBuilder(title.Length);
        foreach (var c in title.Normalize(NormalizationForm.FormC))
        {
            if (Ignored.Contains(c))
            {
                continue;
            }
            builder.Append(c);
        }
        var ascii = builder.ToString().Transliterate();
        builder.Clear();
        foreach (var c in ascii)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c == '.')
            {
                // "..." written with dots is an ellipsis too; a lone dot inside a word (e.g. "Node.js") is dropped the same way.
                continue;
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }
        return builder.ToString().TrimEnd();
    }
}
