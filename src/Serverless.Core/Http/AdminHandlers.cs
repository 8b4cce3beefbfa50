using Azure;
using Microsoft.AspNetCore.Http;
using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.Core.Sharing;

namespace Serverless.Core.Http;

/// <summary>
/// The admin API: processing state, author warnings, failures and poison messages, republishing, draft previews and
/// the Event Grid webhook. The listings (<c>sources</c>, <c>failures</c>) come in pages of <c>?top=</c> items (1 to
/// <see cref="AdminPaging.MaxSize"/>, <see cref="AdminPaging.DefaultSize"/> by default), continued with
/// <c>?continuationToken=</c>; republishing is a background job whose progress is read at its Location. These handlers assume the caller holds the key: the Functions host checks it
/// (<c>AuthorizationLevel.Function</c>), the local server checks its admin key before they run. Nothing here is stored by any cache.
/// </summary>
public sealed class AdminHandlers(PublicationStatusReader statuses, FailureReport failures, Republisher jobs, ArticlePreviewer previewer, SharePreviewer sharePreviewer, BlobEvents blobEvents)
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

    /// <summary>A page of the processed blobs and how each went.</summary>
    public Task<IResult> ListSourcesAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ListPageAsync(request, statuses.ListAsync, cancellationToken);

    /// <summary>A page of the failures: failed sources, then the poison messages of each stage, each with its reason.</summary>
    public Task<IResult> ListFailuresAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ListPageAsync(request, failures.ListAsync, cancellationToken);

    private static async Task<IResult> ListPageAsync<T>(HttpRequest request, Func<int, string?, CancellationToken, Task<AdminPage<T>>> readPage, CancellationToken cancellationToken)
    {
        HttpCaching.SetPrivate(request.HttpContext.Response);
        var read = await ReadPageAsync(request, readPage, cancellationToken);
        return read.Problem ?? ApiHandlers.Json(read.Page);
    }

    /// <summary>The page <c>?top=</c> and <c>?continuationToken=</c> ask for, or the problem answer that says what is wrong with them.</summary>
    internal static async Task<AdminPageRead<T>> ReadPageAsync<T>(HttpRequest request, Func<int, string?, CancellationToken, Task<AdminPage<T>>> readPage, CancellationToken cancellationToken)
    {
        var top = AdminPaging.DefaultSize;
        if (request.Query.TryGetValue("top", out var topValue) && (!int.TryParse(topValue, out top) || top is < 1 or > AdminPaging.MaxSize))
        {
            return new AdminPageRead<T>(null, ApiHandlers.Problem(StatusCodes.Status400BadRequest, "Invalid 'top'", $"'top' must be a whole number from 1 to {AdminPaging.MaxSize}."));
        }
        var continuationToken = request.Query["continuationToken"].ToString() is { Length: > 0 } token ? token : null;
        try
        {
            return new AdminPageRead<T>(await readPage(top, continuationToken, cancellationToken), null);
        }
        catch (Exception exception) when (exception is FormatException || continuationToken is not null && exception is RequestFailedException { Status: 400 })
        {
            // A token of the right shape that storage refuses (400) was not one of its continuations either.
            return new AdminPageRead<T>(null, ApiHandlers.Problem(StatusCodes.Status400BadRequest, "Invalid 'continuationToken'", "Pass back the continuationToken of a previous answer unchanged."));
        }
    }

    /// <summary>202: every source is ingested again and every page rendered again, by a background job whose progress is at the Location.</summary>
    public async Task<IResult> RepublishAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        HttpCaching.SetPrivate(request.HttpContext.Response);
        var job = await jobs.StartAsync(cancellationToken);
        request.HttpContext.Response.Headers.Location = Routes.AdminJobPath(job.Id);
        return ApiHandlers.Json(job, StatusCodes.Status202Accepted);
    }

    /// <summary>Where a background job stands: 404 for an id no job has.</summary>
    public async Task<IResult> GetJobAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        HttpCaching.SetPrivate(request.HttpContext.Response);
        return await jobs.GetAsync(id, cancellationToken) is { } job
            ? ApiHandlers.Json(job)
            : ApiHandlers.Problem(StatusCodes.Status404NotFound, "Unknown job", "No job has this id: republishing answers with the id and Location of the job it starts.");
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
    /// How <c>?blob=NAME</c> (or the article at <c>?slug=SLUG</c>) will look on each platform, from its current content
    /// whatever its state, with the warnings of what each will cut, shrink or drop (<see cref="ShareRules"/>).
    /// </summary>
    public async Task<IResult> SharePreviewAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        HttpCaching.SetPrivate(request.HttpContext.Response);
        var answer = await ReadSharePreviewAsync(request, cancellationToken);
        return answer.Problem ?? ApiHandlers.Json(answer.Share);
    }

    /// <summary>The share preview the query asks for, or the problem answer that says why there is none.</summary>
    internal async Task<SharePreviewAnswer> ReadSharePreviewAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var blob = request.Query["blob"].ToString();
        var slug = request.Query["slug"].ToString();
        if (blob.Length == 0 && slug.Length == 0)
        {
            return new SharePreviewAnswer(blob, null, ApiHandlers.Problem(StatusCodes.Status400BadRequest, "Missing 'blob'", "Pass the blob name as 'blob' (or a published article's slug as 'slug')."));
        }
        if (blob.Length == 0 && await sharePreviewer.BlobOfSlugAsync(slug, cancellationToken) is { } slugBlob)
        {
            blob = slugBlob;
        }
        var outcome = blob.Length > 0 ? await sharePreviewer.PreviewAsync(blob, cancellationToken) : null;
        return outcome switch
        {
            { Share: { } share } => new SharePreviewAnswer(blob, share, null),
            { Page.Problem: { } problem } => new SharePreviewAnswer(blob, null, ApiHandlers.Problem(StatusCodes.Status422UnprocessableEntity, "Not an article that can be published", problem)),
            _ when blob.Length == 0 => new SharePreviewAnswer(blob, null, ApiHandlers.Problem(StatusCodes.Status404NotFound, "Unknown slug",
                "No article has been published at this slug. A draft or scheduled article takes its slug when it goes out: preview it by its blob name, as 'blob'.")),
            _ => new SharePreviewAnswer(blob, null, ApiHandlers.Problem(StatusCodes.Status404NotFound, "Unknown blob", "The articles container has no blob with this name.")),
        };
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

    /// <summary>A path under the admin prefix that no route has, asked with the key: 404 (without it, 401 like any admin path).</summary>
    public static IResult UnknownRoute(HttpRequest request)
    {
        HttpCaching.SetPrivate(request.HttpContext.Response);
        return ApiHandlers.Problem(StatusCodes.Status404NotFound, "No such route", "No admin API route has this path.");
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
