using Serverless.Core.Configuration;

namespace Serverless.Core.Rendering;

/// <summary>Absolute URLs of the site, built from the configured public base URL: social networks never fetch relative ones.</summary>
public sealed class SiteUrls(SiteOptions site)
{
    public string Home => site.BaseUrl + "/";

    public string Article(string slug) => $"{site.BaseUrl}/articles/{slug}";

    /// <summary>Makes a link or image URL absolute; already absolute URLs are returned unchanged.</summary>
    public string Absolute(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.AbsoluteUri;
        }
        return new Uri(new Uri(Home), url).AbsoluteUri;
    }
}
