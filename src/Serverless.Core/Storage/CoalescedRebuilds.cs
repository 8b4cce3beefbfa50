namespace Serverless.Core.Storage;

/// <summary>
/// Rebuilds of one thing (a feed, a sitemap, a tag page) asked for while one is under way, in this process: they all
/// wait for a single next rebuild, which starts once the current one ends and so reads inputs newer than every request
/// it serves. A burst of renders then rebuilds a shared file about twice, not once per article, and the renders no
/// longer overwrite each other's version of it (each a conflict, then a retry). At most one rebuild per key runs here;
/// other instances are kept in line by <see cref="SiteFiles"/>' conditional writes.
/// </summary>
/// <remarks>
/// A waiter shares the rebuild's outcome: its failure (the render retries), or its cancellation, after which a waiter
/// whose own token is live asks again. The rebuild runs with the token of the request that started it.
/// </remarks>
public sealed class CoalescedRebuilds
{
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The rebuild running for a key, and the one that follows it (shared by every request made meanwhile).</summary>
    private sealed class Slot
    {
        public Task? Running;
        public Task? Next;
    }

    /// <summary>Returns once a run of <paramref name="rebuild"/> that started after this call has ended.</summary>
    public async Task RunAsync(string key, Func<CancellationToken, Task> rebuild, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Task run;
            lock (_lock)
            {
                if (!_slots.TryGetValue(key, out var slot))
                {
                    slot = new Slot();
                    _slots.Add(key, slot);
                    run = slot.Running = RunFirstAsync(key, slot, rebuild, cancellationToken);
                }
                else
                {
                    // The next run has not started yet, so it reads what this caller wrote: join it, or make it.
                    run = slot.Next ??= RunNextAsync(key, slot, slot.Running!, rebuild, cancellationToken);
                }
            }
            try
            {
                await run.WaitAsync(cancellationToken);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && attempt == 1)
            {
                // The request that started the run was cancelled, not this one: ask once more (a run of its own, or a
                // next one), whose outcome this request then takes whatever it is.
            }
        }
    }

    private async Task RunFirstAsync(string key, Slot slot, Func<CancellationToken, Task> rebuild, CancellationToken cancellationToken)
    {
        // Yield first: the caller records this task in the slot (under the lock) before the run can finish and clear it.
        await Task.Yield();
        await RunAndReleaseAsync(key, slot, rebuild, cancellationToken);
    }

    private async Task RunNextAsync(string key, Slot slot, Task previous, Func<CancellationToken, Task> rebuild, CancellationToken cancellationToken)
    {
        // The previous run's outcome is its own callers'. Forced to yield, so the slot holds this task before it continues.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        lock (_lock)
        {
            // Started: requests from now on need a run after this one.
            slot.Running = slot.Next;
            slot.Next = null;
        }
        await RunAndReleaseAsync(key, slot, rebuild, cancellationToken);
    }

    private async Task RunAndReleaseAsync(string key, Slot slot, Func<CancellationToken, Task> rebuild, CancellationToken cancellationToken)
    {
        try
        {
            await rebuild(cancellationToken);
        }
        finally
        {
            lock (_lock)
            {
                // Nothing asked for meanwhile: the key is free (tags and months come and go, so slots are not kept).
                if (slot.Next is null)
                {
                    _slots.Remove(key);
                }
            }
        }
    }
}
