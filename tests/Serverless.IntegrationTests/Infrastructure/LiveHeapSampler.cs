namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Samples the live managed heap (after a full, blocking collection: garbage is not counted) every
/// <see cref="Interval"/> while the code under test runs, and reports its peak above the live heap at the start.
/// Allocation totals (<c>GC.GetTotalAllocatedBytes</c>) would count garbage, and the heap without a collection
/// (<c>GC.GetTotalMemory(false)</c>) swings with the collector's budgets; what is retained is what a bound is about.
/// </summary>
public sealed class LiveHeapSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly long _baseline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<long> _sampling;

    private LiveHeapSampler()
    {
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _sampling = Task.Run(SampleAsync);
    }

    public static LiveHeapSampler Start() => new();

    /// <summary>Stops sampling (one last sample) and returns the highest live heap seen, less the one at the start.</summary>
    public async Task<long> PeakGrowthAsync()
    {
        await _stop.CancelAsync();
        return await _sampling - _baseline;
    }

    private async Task<long> SampleAsync()
    {
        var peak = _baseline;
        while (true)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            try
            {
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return peak;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampling;
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
