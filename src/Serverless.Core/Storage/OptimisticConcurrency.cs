using Azure;

namespace Serverless.Core.Storage;

/// <summary>
/// The one retry of the backend's conditional writes. An operation reads, decides, then writes conditioned on what it
/// read (an ETag, or an add that fails if the row exists); a concurrent writer makes the write fail with 412 or 409,
/// and the operation starts over from a fresh read. Bounded: the last attempt's conflict propagates, so the message or
/// blob event is delivered again later rather than retried for ever here.
/// </summary>
public static class OptimisticConcurrency
{
    /// <summary>Attempts before a conflict propagates: four readers rarely lose four times in a row to the same record.</summary>
    public const int MaxAttempts = 4;

    /// <summary>
    /// Attempts for a write many writers share (a site file, the document frequencies), which each spread out with
    /// <see cref="BackOffAsync"/>: in a burst many of them meet on the same rows.
    /// </summary>
    public const int SharedWriteAttempts = 8;

    /// <summary>Waits before attempt <paramref name="attempt"/> of a shared write (none before the first): a random spread growing with each attempt.</summary>
    public static Task BackOffAsync(int attempt, CancellationToken cancellationToken) => attempt <= 1
        ? Task.CompletedTask
        : Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 100) * (attempt - 1)), cancellationToken);

    /// <summary>A conditional write lost to a concurrent writer: the row changed (412) or appeared (409).</summary>
    public static bool IsConflict(RequestFailedException exception) => exception.Status is 409 or 412;

    /// <summary>
    /// Runs <paramref name="operation"/> (given its attempt number, from 1) until it completes without a conflict, at
    /// most <see cref="MaxAttempts"/> times; <paramref name="onConflict"/> hears of each conflict retried.
    /// </summary>
    /// <param name="isConflict">Which failures to retry: by default <see cref="IsConflict"/>.</param>
    /// <param name="maxAttempts">For a write many writers share (a site file): more attempts, the operation spacing them.</param>
    public static async Task<T> RetryAsync<T>(Func<int, Task<T>> operation, Action<int>? onConflict = null, Func<RequestFailedException, bool>? isConflict = null,
        int maxAttempts = MaxAttempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(attempt);
            }
            catch (RequestFailedException exception) when ((isConflict ?? IsConflict)(exception) && attempt < maxAttempts)
            {
                onConflict?.Invoke(attempt);
            }
        }
    }
}
