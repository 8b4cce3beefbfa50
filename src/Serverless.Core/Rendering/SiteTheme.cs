using System.Security.Cryptography;
using System.Text;
using Serverless.Core.Configuration;

namespace Serverless.Core.Rendering;

/// <summary>
/// The operator's look without code: the accent colours of the settings, then the style sheet they uploaded
/// (<see cref="Site.ThemeUpload"/>), as one small sheet served at <c>/theme.css</c> that pages include after their own,
/// with a version in its URL so that a change reaches every reader at once. Pages include nothing while the settings
/// keep the defaults and nothing is uploaded.
/// </summary>
public sealed class SiteTheme
{
    public SiteTheme(SiteOptions site, ReadOnlySpan<byte> uploaded = default)
    {
        var settings = site.AccentColor == SiteOptions.DefaultAccentColor && site.AccentColorDark == SiteOptions.DefaultAccentColorDark
            ? []
            : Encoding.UTF8.GetBytes($":root{{--accent:{site.AccentColor}}}\n@media (prefers-color-scheme:dark){{:root{{--accent:{site.AccentColorDark}}}}}\n");
        Css = [.. settings, .. uploaded];
        if (Css.Length > 0)
        {
            Version = Convert.ToHexStringLower(SHA256.HashData(Css))[..12];
        }
    }

    /// <summary>The sheet's bytes; empty when the settings keep the defaults and nothing is uploaded.</summary>
    public byte[] Css { get; }

    /// <summary>Identifies <see cref="Css"/>: pages name it in the sheet's URL, and the sheet is served with it as its ETag.</summary>
    public string? Version { get; }

    /// <summary>Where pages load the sheet from; null when there is none.</summary>
    public string? Href => Version is null ? null : $"/{Http.Routes.Theme}?v={Version}";
}
