namespace Serverless.Core.Sharing;

/// <summary>The names of the rules a warning can cite: stable, for scripts that filter on them.</summary>
public static class ShareRule
{
    public const string TitleCut = "title-cut";
    public const string DescriptionCut = "description-cut";
    public const string DescriptionMissing = "description-missing";
    public const string DescriptionRepeatsTitle = "description-repeats-title";
    public const string ImageTooSmall = "image-too-small";
    public const string ImageTooLarge = "image-too-large";
    public const string ImageRatio = "image-ratio";
    public const string ImageFormat = "image-format";
    public const string ImageSizeUnknown = "image-size-unknown";
    public const string ImageAltMissing = "image-alt-missing";
    public const string HeadlineNotOnImage = "headline-not-on-image";
    public const string LanguageMismatch = "language-mismatch";
    public const string UrlNotAbsolute = "url-not-absolute";
}
