using System.Net;
using Azure;
using Serverless.Core.Storage;

namespace Serverless.Core.Discovery;

/// <summary>
/// The POSTs that tell search engines and hubs of a publish. A transient refusal (429, 5xx, no answer) is tried again a
/// few times through the backend's one retry helper, spread out; what still fails propagates as a
/// <see cref="RequestFailedException"/>, so the site-file message is delivered again, and after five deliveries lands in
/// the poison queue the admin <c>failures</c> listing reads (<c>site-poison</c>).
/// </summary>
public sealed class DiscoveryClient(IHttpClientFactory clients)
{
    public const string ClientName = "discovery";

    public Task PostAsync(Uri target, Func<HttpContent> content, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RetryAsync(async attempt =>
        {
            await OptimisticConcurrency.BackOffAsync(attempt, cancellationToken);
            HttpResponseMessage response;
            try
            {
                response = await clients.CreateClient(ClientName).PostAsync(target, content(), cancellationToken);
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

    private static bool IsTransient(RequestFailedException exception) =>
        exception.Status is 0 or (int)HttpStatusCode.TooManyRequests or >= 500;
}
