using Microsoft.AspNetCore.Http;
using Serverless.Core.Publishing;

namespace Serverless.Core.Http;

/// <summary>
/// The admin API: processing state, author warnings, failures and poison messages, republishing, draft previews and
/// the Event Grid webhook. These handlers assume the caller holds the key: the Functions host checks it
/// (<c>AuthorizationLevel.Function</c>), the local server checks its admin key before they run. Nothing here is stored by any cache.
/// </summary>
public sealed class AdminHandlers(PublicationStatusReader statuses, FailureReport failures, Republisher republisher, ArticlePreviewer previewer, BlobEvents blobEvents)
{
    /// <summary><c>?blob=NAME</c> (what the author uploaded) or <c>?slug=SLUG</c> (what readers see): the whole publication status.</summary>
    public async Task<IResult> GetStatusAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        HttpCaching.SetPrivate(request.HttpContext.Response);
        var blob = request.Query["blob"].ToString();
        var slug = request.Query["slug"].ToString();
        if (blob.Length == 0 && slug.Length == 0)
        {
            return ApiHandlers.Problem(StatusCodes.Status400BadRequest, "Missing 'blob'", "Pass the blob name as 'blob' (or an article's slug as 'slug').");
        }
        var status = blob.Length > 0
            ? await statuses.ForBlobAsync(blob, cancellationToken)
            : await statuses.ForSlugAsync(slug, cancellationToken);
        return status is null
            ? ApiHandlers.Problem(StatusCodes.Status404NotFound, "Unknown blob", "No uploaded blob with this name (or article with this slug) has been processed.")
            : ApiHandlers.Json(status);
    }

    /// <summary>Every processed blob and how it went.</summary>
    public async Task<IResult> ListSourcesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        HttpCaching.SetPrivate(request.HttpContext.Response);
        return ApiHandlers.Json(await statuses.ListAsync(cancellationToken));
    }

    /// <summary>Failed sources and the poison messages of both stages, each with its reason.</summary>
    public async Task<IResult> ListFailuresAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        HttpCaching.SetPrivate(request.HttpContext.Response);
        return ApiHandlers.Json(await failures.ListAsync(cancellationToken));
    }

    /// <summary>202: every source is ingested again and every page rendered again, in the background.</summary>
    public async Task<IResult> RepublishAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        HttpCaching.SetPrivate(request.HttpContext.Response);
        return ApiHandlers.Json(await republisher.RepublishAsync(cancellationToken), StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// The page <c>?blob=NAME</c> would publish, rendered now from its current content (draft, scheduled or failed
    /// alike), with the pages' security headers and kept out of search engines and caches. Publishes nothing.
    /// </summary>
    public async Task<IResult> PreviewAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        HttpCaching.SetPrivate(response);
        if (request.Query["blob"].ToString() is not { Length: > 0 } blob)
        {
            return ApiHandlers.Problem(StatusCodes.Status400BadRequest, "Missing 'blob'", "Pass the blob name of the article to preview as 'blob'.");
        }
        var preview = await previewer.PreviewAsync(blob, cancellationToken);
        if (preview.Html is null)
        {
            return preview.Problem is null
                ? ApiHandlers.Problem(StatusCodes.Status404NotFound, "Unknown blob", "The articles container has no blob with this name.")
                : ApiHandlers.Problem(StatusCodes.Status422UnprocessableEntity, "Not an article that can be published", preview.Problem);
        }
        PageHandlers.AddPageHeaders(response);
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return Results.Content(preview.Html, PageHandlers.HtmlContentType);
    }

    /// <summary>
    /// Event Grid's webhook: answers the subscription validation handshake, and runs stage 1 at once for each blob
    /// created or deleted in the articles container. A storage error answers 500, so that Event Grid delivers again.
    /// </summary>
    public async Task<IResult> ReceiveBlobEventsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        HttpCaching.SetPrivate(request.HttpContext.Response);
        BlobEventDelivery delivery;
        try
        {
            delivery = await blobEvents.HandleAsync(await BinaryData.FromStreamAsync(request.Body, cancellationToken), cancellationToken);
        }
        catch (FormatException exception)
        {
            return ApiHandlers.Problem(StatusCodes.Status400BadRequest, "Not an Event Grid delivery", exception.Message);
        }
        return delivery.ValidationCode is { } code
            ? ApiHandlers.Json(new SubscriptionValidationResponse(code))
            : ApiHandlers.Json(delivery.Results);
    }

    /// <summary>
    /// CloudEvents' abuse protection: before delivering, Event Grid sends OPTIONS with the origin it delivers from, and
    /// delivers only if the webhook allows it back.
    /// </summary>
    public static IResult AllowCloudEventsOrigin(HttpRequest request)
    {
        if (request.Headers["WebHook-Request-Origin"].ToString() is { Length: > 0 } origin)
        {
            request.HttpContext.Response.Headers["WebHook-Allowed-Origin"] = origin;
        }
        return Results.Ok();
    }
}
