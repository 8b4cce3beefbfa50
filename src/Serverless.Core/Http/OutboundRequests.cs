using System.Net;
using Azure;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// The requests the site makes to other servers: IndexNow submissions, WebSub pings and fediverse deliveries. A
/// transient refusal (429, 5xx, no answer) is tried again a few times through the backend's one retry helper, spread
/// out; what still fails propagates as a <see cref="RequestFailedException"/>, which the caller's queue handles (the
/// site-file message delivered again, then <c>site-poison</c>; a delivery put back with backoff, then
/// <c>delivery-poison</c>).
/// </summary>
public sealed class OutboundRequests(IHttpClientFactory clients)
{
    public const string ClientName = "outbound";

    public Task PostAsync(Uri target, Func<HttpContent> content, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, target) { Content = content() }, cancellationToken);

    /// <summary>Sends the request <paramref name="request"/> makes (a new one per attempt: a signed request is signed again).</summary>
    /// <param name="clientName">The named client to send it with: ActivityPub's reaches public addresses only.</param>
    public Task SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken, string clientName = ClientName) =>
        OptimisticConcurrency.RetryAsync(async attempt =>
        {
            await OptimisticConcurrency.BackOffAsync(attempt, cancellationToken);
            HttpResponseMessage response;
            using var message = request();
            var target = message.RequestUri!;
            try
            {
                response = await clients.CreateClient(clientName).SendAsync(message, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                throw new RequestFailedException(0, $"{target.GetLeftPart(UriPartial.Path)} did not answer: {exception.Message}", exception);
            }
            using (response)
            {
                return response.IsSuccessStatusCode ? true : throw new RequestFailedException((int)response.StatusCode,
                    $"{target.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
        }, isConflict: IsTransient, maxAttempts: OptimisticConcurrency.MaxAttempts);

    /// <summary>No answer, 429 or 5xx: worth trying again later; any other refusal is for good.</summary>
    public static bool IsTransient(RequestFailedException exception) =>
        exception.Status is 0 or (int)HttpStatusCode.TooManyRequests or >= 500;
}
