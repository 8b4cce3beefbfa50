using Serverless.Core.Articles;
using Serverless.Core.Configuration;
using SkiaSharp;

namespace Serverless.Core.Rendering;

/// <summary>
/// Draws the 1200×630 PNG card of an article, shared when it has no image of its own (<c>GET /og/{slug}.png</c>): the site's
/// name, the title, the date and the tags, in the fonts embedded in this assembly. The same content always gives the
/// same bytes. Drawn at publish time by <see cref="Publishing.Outputs.ShareCardOutput"/>, never per request.
/// </summary>
public static class ShareCardRenderer
{
    /// <summary>
    /// Bump with any change to what a card looks like for the same content: layout, colours, fonts, text handling, or a
    /// SkiaSharp update that draws differently. It is part of every card's <see cref="VersionOf">version</see>, so every
    /// card's URL changes with it, and of <see cref="Publishing.PipelineVersion.Render"/>, so every page (whose
    /// og:image names the card) is rendered again, and its card drawn again.
    /// </summary>
    public const string Template = "1";

    /// <summary>
    /// The version of <paramref name="article"/>'s card on <paramref name="site"/>, without drawing it: a 16-character
    /// lower-case hex hash of exactly what the card is drawn from (<see cref="ShareCardContent.For"/>: title, site name,
    /// date as printed, first tags) and of <see cref="Template"/>. The card of an article served with this version is
    /// at <c>urls.ShareCard(article.Slug, VersionOf(article, site))</c> (<see cref="SiteUrls.ShareCard"/>), an immutable
    /// URL; when the article changes, so do its card and its version, and the older URL answers the current card with
    /// a short cache lifetime. Every served article has one: it is the shared image of articles without their own, and
    /// the 1200×630 image of every article's structured data.
    /// </summary>
    public static string VersionOf(IArticleMetadata article, SiteOptions site) => ShareCardContent.For(article, site).Version;

    private static readonly SKColor Background = new(0x0F, 0x17, 0x2A);
    private static readonly SKColor Accent = new(0xF5, 0x9E, 0x0B);
    private static readonly SKColor SiteNameColour = new(0xFB, 0xBF, 0x24);
    private static readonly SKColor TitleColour = new(0xF8, 0xFA, 0xFC);
    private static readonly SKColor DateColour = new(0x94, 0xA3, 0xB8);
    private static readonly SKColor Rule = new(0x1E, 0x29, 0x3B);
    private static readonly SKColor PillFill = new(0x1E, 0x29, 0x3B);
    private static readonly SKColor PillText = new(0xCB, 0xD5, 0xE1);
    private const float StripeWidth = 24;

    /// <summary>
    /// The "sub" filter alone, at zlib's default level: encoding takes less than half the time of trying every filter
    /// (Skia's default), for a file 3 % larger. Part of the <see cref="Template"/>: it changes the bytes.
    /// </summary>
    private static readonly SKPngEncoderOptions PngOptions = new(SKPngEncoderFilterFlags.Sub, 6);

    /// <summary>The card as PNG bytes.</summary>
    public static byte[] Render(ShareCardContent content) => Render(ShareCardLayout.Of(content));

    public static byte[] Render(ShareCardLayout layout)
    {
        using var surface = SKSurface.Create(new SKImageInfo(ShareCardLayout.Width, ShareCardLayout.Height, SKColorType.Rgba8888, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface.");
        var canvas = surface.Canvas;
        canvas.Clear(Background);
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };

        paint.Color = Accent;
        canvas.DrawRect(0, 0, StripeWidth, ShareCardLayout.Height, paint);
        paint.Color = Rule;
        canvas.DrawRect(ShareCardLayout.Left, ShareCardLayout.SeparatorY, ShareCardLayout.Right - ShareCardLayout.Left, 2, paint);

        using (var font = ShareCardFonts.Bold(layout.SiteName.Size))
        {
            Draw(canvas, layout.SiteName, font, paint, SiteNameColour);
        }
        using (var font = ShareCardFonts.Bold(layout.TitleSize))
        {
            foreach (var line in layout.TitleLines)
            {
                Draw(canvas, line, font, paint, TitleColour);
            }
        }
        using (var font = ShareCardFonts.Regular(layout.Date.Size))
        {
            Draw(canvas, layout.Date, font, paint, DateColour);
        }
        using (var font = ShareCardFonts.Regular(ShareCardLayout.TagSize))
        {
            foreach (var pill in layout.Tags)
            {
                paint.Color = PillFill;
                canvas.DrawRoundRect(pill.Box, pill.Box.Height / 2, pill.Box.Height / 2, paint);
                Draw(canvas, pill.Label, font, paint, PillText);
            }
        }

        using var pixels = surface.PeekPixels();
        using var png = pixels.Encode(PngOptions) ?? throw new InvalidOperationException("SkiaSharp could not encode the card as PNG.");
        return png.ToArray();
    }

    private static void Draw(SKCanvas canvas, CardText text, SKFont font, SKPaint paint, SKColor colour)
    {
        paint.Color = colour;
        canvas.DrawText(text.Text, text.X, text.Baseline, SKTextAlign.Left, font, paint);
    }
}
