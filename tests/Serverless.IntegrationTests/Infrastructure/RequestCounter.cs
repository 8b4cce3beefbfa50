using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>Counts the storage requests a client pipeline sends: deterministic proof of "no write" and "one read".</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _reads;
    private int _writes;

    public int Reads => Volatile.Read(ref _reads);
    public int Writes => Volatile.Read(ref _writes);
    public int Total => Reads + Writes;

    public void Reset()
    {
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _writes, 0);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get || message.Request.Method == RequestMethod.Head)
        {
            Interlocked.Increment(ref _reads);
        }
        else
        {
            Interlocked.Increment(ref _writes);
        }
    }
}
