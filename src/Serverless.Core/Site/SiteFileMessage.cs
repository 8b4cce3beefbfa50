using System.Text.Json;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>
/// A site-file queue message: rebuild <see cref="File"/> (a <see cref="SiteFileKey"/>) from inputs read after
/// <see cref="RequestedAt"/> (the sender's clock, after its writes). A rebuild that read its inputs later already shows
/// them, so the message then costs one read.
/// </summary>
public sealed record SiteFileMessage(string File, DateTimeOffset RequestedAt)
{
    /// <exception cref="FormatException">The message is not one this backend sends.</exception>
    public static (SiteFileKey Key, DateTimeOffset RequestedAt) Parse(string body)
    {
        SiteFileMessage? message;
        try
        {
            message = Json.Read<SiteFileMessage>(body);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Not a site-file message: {exception.Message}", exception);
        }
        return SiteFileKey.Parse(message?.File) is { } key
            ? (key, message!.RequestedAt)
            : throw new FormatException("Not a site-file message: it must name 'feeds', 'sitemap-index', 'sitemap:{yyyy-MM}', 'tag:{slug}' or 'document-frequencies'.");
    }
}
