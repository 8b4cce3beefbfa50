using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>Takes storage down right after the n-th request from the moment it is armed: what comes next meets a dead endpoint.</summary>
public sealed class StorageOutage : HttpPipelinePolicy
{
    private int _remaining = int.MaxValue;
    private Func<Task>? _stop;

    public void Arm(int afterRequests, Func<Task> stop)
    {
        _stop = stop;
        Volatile.Write(ref _remaining, afterRequests);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The storage clients are used asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (Interlocked.Decrement(ref _remaining) == 0 && _stop is { } stop)
        {
            await stop();
        }
    }
}
