namespace Serverless.Core.Configuration;

/// <summary>
/// A link of the site's chrome set by the operator: an entry of the header's navigation (<c>Site:Navigation:0:Label</c>,
/// <c>Site:Navigation:0:Url</c>) or of the footer's legal links (<c>Site:LegalLinks:0:…</c>).
/// </summary>
public sealed class SiteLink
{
    /// <summary>What the link says.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Where it leads: a path of the site (<c>/tags/politique</c>) or an absolute http(s) URL.</summary>
    public string Url { get; set; } = string.Empty;
}
