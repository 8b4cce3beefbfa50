namespace Serverless.Core.Sharing;

/// <summary>The platforms' keys in the API, the warnings and the page's CSS classes: named once.</summary>
public static class SharePlatformId
{
    public const string X = "x", Facebook = "facebook", LinkedIn = "linkedin", Bluesky = "bluesky", Mastodon = "mastodon",
        WhatsApp = "whatsapp", Slack = "slack", Discord = "discord", Google = "google";
}
