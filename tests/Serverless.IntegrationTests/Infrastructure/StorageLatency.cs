using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>Slow storage: once set, every request waits <see cref="Delay"/> before it is sent (storage answering, but late).</summary>
public sealed class StorageLatency : HttpPipelinePolicy
{
    private long _delayTicks;

    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The storage clients are used asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, message.CancellationToken);
        }
        await ProcessNextAsync(message, pipeline);
    }
}
