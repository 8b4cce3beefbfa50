namespace Serverless.Core.Site;

/// <summary>The style sheet an operator may upload to the site container, added to the settings' theme sheet.</summary>
public static class ThemeUpload
{
    /// <summary>Its name in the site container.</summary>
    public const string FileName = "theme.css";

    /// <summary>A larger sheet is left out (pages keep the settings' look) and listed among the failures: a theme is a few kilobytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>What the operator reads about a sheet over the limit.</summary>
    public static string TooLargeMessage(long bytes) =>
        $"The uploaded {FileName} has {bytes} bytes, more than the {MaxBytes} a theme may have: pages leave it out and keep the settings' look. Upload a smaller sheet.";
}
