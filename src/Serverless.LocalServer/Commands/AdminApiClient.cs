using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Core.Admin;
using Serverless.Core.Http;
using Serverless.Core.Sharing;
using Serverless.LocalServer.Hosting;
using Serverless.LocalServer.Publishing;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// The running local server's admin API, called with its key (from <c>server.json</c>): what the commands read
/// statuses, failures and jobs from, and where they report uploads and deletions as Event Grid would, so that stage 1
/// runs at once.
/// </summary>
public sealed class AdminApiClient(Uri server, string adminKey) : IPublicationStatusSource, IFailureSource, IRepublishJobs, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>How long one admin API request may take before the command says the server did not answer.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        BaseAddress = server,
        Timeout = RequestTimeout,
        DefaultRequestHeaders = { { AdminKey.Header, adminKey } },
    };

    public Task<PublicationStatus?> ForBlobAsync(string blobName, CancellationToken cancellationToken) =>
        GetStatusAsync("blob=" + Uri.EscapeDataString(blobName), cancellationToken);

    public Task<PublicationStatus?> ForSlugAsync(string slug, CancellationToken cancellationToken) =>
        GetStatusAsync("slug=" + Uri.EscapeDataString(slug), cancellationToken);

    Task<AdminPage<PublicationStatus>> IPublicationStatusSource.ListAsync(int top, string? continuationToken, CancellationToken cancellationToken) =>
        GetPageAsync<PublicationStatus>(Routes.AdminSources, top, continuationToken, cancellationToken);

    Task<AdminPage<Failure>> IFailureSource.ListAsync(int top, string? continuationToken, CancellationToken cancellationToken) =>
        GetPageAsync<Failure>(Routes.AdminFailures, top, continuationToken, cancellationToken);

    private async Task<AdminPage<T>> GetPageAsync<T>(string route, int top, string? continuationToken, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<AdminPage<T>>(
            $"{route}?top={top}{(continuationToken is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuationToken))}", Json, cancellationToken)
        ?? throw new InvalidDataException($"The admin API answered {route} with no page.");

    public async Task<JobStatus> StartAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(Routes.AdminRepublish, content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JobStatus>(Json, cancellationToken)
            ?? throw new InvalidDataException("The admin API answered the republish request with no job.");
    }

    public async Task<JobStatus?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(Routes.AdminJobPath(id).TrimStart('/'), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JobStatus>(Json, cancellationToken);
    }

    /// <summary>How the blob will look on each platform; null when it has no page (missing, or not an article that can be published).</summary>
    public async Task<SharePreview?> GetSharePreviewAsync(string blobName, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"{Routes.AdminSharePreview}?blob={Uri.EscapeDataString(blobName)}", cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<SharePreview>(Json, cancellationToken);
    }

    /// <summary>Tells the server that the blob at <paramref name="blobUri"/> is deleted, in an Event Grid BlobDeleted event.</summary>
    /// <returns>Null when delivered; otherwise why the server could not process it now.</returns>
    public Task<string?> ReportDeletedAsync(Uri blobUri, CancellationToken cancellationToken) => ReportAsync(LocalBlobEvents.Deleted(blobUri), cancellationToken);

    /// <summary>Tells the server that the blob at <paramref name="blobUri"/> was uploaded, in an Event Grid BlobCreated event: stage 1 runs before this returns.</summary>
    /// <returns>Null when delivered; otherwise why the server could not process it now.</returns>
    public Task<string?> ReportCreatedAsync(Uri blobUri, CancellationToken cancellationToken) => ReportAsync(LocalBlobEvents.Created(blobUri), cancellationToken);

    private async Task<string?> ReportAsync(BinaryData delivery, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(delivery.ToArray()) { Headers = { ContentType = new("application/json") } };
        using var response = await _http.PostAsync(Routes.AdminBlobEvents, content, cancellationToken);
        if ((int)response.StatusCode >= 500)
        {
            // A storage error while processing (such as losing every retry to concurrent uploads of the same blob): the
            // event is an optimisation, and the server's reconciliation processes the blob anyway, as Event Grid's
            // redelivery would on Azure.
            return $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        response.EnsureSuccessStatusCode();
        return null;
    }

    private async Task<PublicationStatus?> GetStatusAsync(string query, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"{Routes.AdminStatus}?{query}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<PublicationStatus>(Json, cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
