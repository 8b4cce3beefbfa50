using System.Globalization;
using System.Text;
using AnyAscii;
using SkiaSharp;

namespace Serverless.Core.Rendering;

/// <summary>A line of text placed on the card: its left edge, its baseline, and the box its glyphs can reach.</summary>
public sealed record CardText(string Text, float Size, float X, float Baseline, float Width, float Top, float Bottom)
{
    public float Right => X + Width;
}

/// <summary>A tag drawn as a rounded label.</summary>
public sealed record CardPill(SKRect Box, CardText Label);

/// <summary>
/// Where everything on a 1200×630 share card goes, measured with the card's own fonts and nothing drawn yet: the site's
/// name on top, the title in the largest size from 80 to 44 px at which it fits the title box (wrapped at spaces,
/// cut at a word with "…" when it fits at no size), then the date and as many tags as fit on the bottom row.
/// </summary>
public sealed record ShareCardLayout(CardText SiteName, float TitleSize, IReadOnlyList<CardText> TitleLines, bool TitleCut, CardText Date, IReadOnlyList<CardPill> Tags)
{
    public const int Width = 1200, Height = 630;
    public const float Left = 96, Right = Width - 96;

    /// <summary>The title's lines, ascenders and descenders included, stay inside this box.</summary>
    public static readonly SKRect TitleBox = new(Left, 150, Right, 505);

    public const float MaxTitleSize = 80, MinTitleSize = 44, TitleSizeStep = 4, LineSpacing = 1.2f;
    public const float SiteNameSize = 34, SiteNameBaseline = 104;
    public const float DateSize = 30, BottomRowBaseline = 578, SeparatorY = 526;
    public const float TagSize = 26, TagPadding = 20, TagGap = 12, TagHeight = 46, MaxTagWidth = 320;

    private const string Ellipsis = "…";

    public static ShareCardLayout Of(ShareCardContent content)
    {
        using var siteFont = ShareCardFonts.Bold(SiteNameSize);
        var siteName = Place(Fit(Words(content.SiteName, siteFont), siteFont, Right - Left, 1, out _).Single(), siteFont, Left, SiteNameBaseline);

        var (titleSize, titleLines, cut) = LayOutTitle(content.Title);

        using var dateFont = ShareCardFonts.Regular(DateSize);
        var date = Place(Fit(Words(content.Date, dateFont), dateFont, Right - Left, 1, out _).Single(), dateFont, Left, BottomRowBaseline);

        return new ShareCardLayout(siteName, titleSize, titleLines, cut, date, LayOutTags(content.Tags, date));
    }

    /// <summary>The largest size at which the whole title fits the box; else the smallest, cut with an ellipsis.</summary>
    private static (float Size, IReadOnlyList<CardText> Lines, bool Cut) LayOutTitle(string title)
    {
        for (var size = MaxTitleSize; ; size -= TitleSizeStep)
        {
            using var font = ShareCardFonts.Bold(size);
            var metrics = font.Metrics;
            var lineHeight = size * LineSpacing;
            var glyphHeight = metrics.Descent - metrics.Ascent;
            var maxLines = Math.Max(1, (int)Math.Floor((TitleBox.Height - glyphHeight) / lineHeight) + 1);
            var smallest = size - TitleSizeStep < MinTitleSize;
            var words = Words(title, font);
            var lines = Fit(words, font, TitleBox.Width, smallest ? maxLines : int.MaxValue, out var cut);
            if (lines.Count > maxLines && !smallest)
            {
                continue;
            }
            // Centred vertically in the box: a short title does not hang under the site's name.
            var blockHeight = glyphHeight + (lines.Count - 1) * lineHeight;
            var firstBaseline = TitleBox.Top + (TitleBox.Height - blockHeight) / 2 - metrics.Ascent;
            return (size, [.. lines.Select((line, index) => Place(line, font, Left, firstBaseline + index * lineHeight))], cut);
        }
    }

    /// <summary>Tags after the date, each cut to <see cref="MaxTagWidth"/>; the ones that would cross the right margin are left out.</summary>
    private static List<CardPill> LayOutTags(IReadOnlyList<string> tags, CardText date)
    {
        using var font = ShareCardFonts.Regular(TagSize);
        using var dateFont = ShareCardFonts.Regular(DateSize);
        // Pills are centred on the date's capitals, and their labels on the pills.
        var rowCentre = date.Baseline - dateFont.Metrics.CapHeight / 2;
        var labelBaseline = rowCentre + font.Metrics.CapHeight / 2;
        var pills = new List<CardPill>();
        var x = date.Right + 32;
        foreach (var tag in tags)
        {
            var words = Words(tag, font);
            if (words.Count == 0)
            {
                continue;
            }
            var label = Place(Fit(words, font, MaxTagWidth, 1, out _).Single(), font, x + TagPadding, labelBaseline);
            var box = new SKRect(x, rowCentre - TagHeight / 2, label.Right + TagPadding, rowCentre + TagHeight / 2);
            if (box.Right > Right)
            {
                break;
            }
            pills.Add(new CardPill(box, label));
            x = box.Right + TagGap;
        }
        return pills;
    }

    private static CardText Place(string text, SKFont font, float x, float baseline) =>
        new(text, font.Size, x, baseline, font.MeasureText(text), baseline + font.Metrics.Ascent, baseline + font.Metrics.Descent);

    /// <summary>
    /// Words wrapped greedily into lines no wider than <paramref name="width"/> (a word wider than a line is split between
    /// graphemes). Beyond <paramref name="maxLines"/>, the last line kept ends with "…" after its last whole word that fits.
    /// </summary>
    internal static List<string> Fit(IReadOnlyList<string> words, SKFont font, float width, int maxLines, out bool cut)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in words)
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (font.MeasureText(candidate) <= width)
            {
                current = candidate;
                continue;
            }
            if (current.Length > 0)
            {
                lines.Add(current);
            }
            current = word;
            while (font.MeasureText(current) > width)
            {
                var split = FittingPrefixLength(current, font, width);
                lines.Add(current[..split]);
                current = current[split..];
            }
        }
        if (current.Length > 0 || lines.Count == 0)
        {
            lines.Add(current);
        }
        cut = lines.Count > maxLines;
        if (!cut)
        {
            return lines;
        }
        lines.RemoveRange(maxLines, lines.Count - maxLines);
        lines[^1] = WithEllipsis(lines[^1], font, width);
        return lines;
    }

    /// <summary>The line, shortened by whole words (or graphemes, for a single word) until it fits with "…" after it.</summary>
    private static string WithEllipsis(string line, SKFont font, float width)
    {
        while (true)
        {
            var trimmed = line.TrimEnd(' ', ',', ';', ':', '-', '–', '—', '(', '«', '\u00A0', '\u2009');
            if (font.MeasureText(trimmed + Ellipsis) <= width || trimmed.Length == 0)
            {
                return trimmed + Ellipsis;
            }
            var space = trimmed.LastIndexOf(' ');
            var shorter = space > 0 ? trimmed[..space] : trimmed[..FittingPrefixLength(trimmed, font, width - font.MeasureText(Ellipsis))];
            if (shorter.Length == trimmed.Length)
            {
                return trimmed + Ellipsis; // one grapheme wider than the line: nothing shorter to show
            }
            line = shorter;
        }
    }

    /// <summary>How many characters of <paramref name="text"/> fit in <paramref name="width"/>, ending between graphemes; at least one grapheme.</summary>
    private static int FittingPrefixLength(string text, SKFont font, float width)
    {
        // Grapheme ends, searched by halves for the last whose prefix fits; the first is kept even if it does not.
        int[] ends = [.. StringInfo.ParseCombiningCharacters(text).Skip(1), text.Length];
        var (low, high) = (0, ends.Length - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (font.MeasureText(text.AsSpan(0, ends[middle])) <= width)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return ends[low];
    }

    /// <summary>
    /// The text in NFC, split at breaking spaces (no-break spaces keep "école :" together), each grapheme the font
    /// cannot draw replaced: a narrow no-break space by a thin space, an accented letter by its base letter, another
    /// script by its AnyAscii transliteration; symbols such as emoji are left out.
    /// </summary>
    internal static IReadOnlyList<string> Words(string text, SKFont font)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(text.Normalize(NormalizationForm.FormC));
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (element.All(c => IsBreakingSpace(c) || char.IsControl(c)))
            {
                Flush();
                continue;
            }
            word.Append(Drawable(element, font));
        }
        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }

    private static bool IsBreakingSpace(char c) => char.IsWhiteSpace(c) && c is not ('\u00A0' or '\u202F' or '\u2007' or '\u2060');

    private static string Drawable(string element, SKFont font)
    {
        if (font.ContainsGlyphs(element))
        {
            return element;
        }
        if (element == "\u202F")
        {
            return font.ContainsGlyphs("\u2009") ? "\u2009" : "\u00A0";
        }
        if (CharUnicodeInfo.GetUnicodeCategory(element, 0) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse)
        {
            return string.Empty;
        }
        var decomposed = element.Normalize(NormalizationForm.FormD);
        var baseLetter = char.IsSurrogate(decomposed[0]) ? decomposed[..2] : decomposed[..1];
        if (decomposed.Length > baseLetter.Length && font.ContainsGlyphs(baseLetter))
        {
            return baseLetter;
        }
        return string.Concat(element.Transliterate().Where(c => font.ContainsGlyphs(c.ToString())));
    }
}
