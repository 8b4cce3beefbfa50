using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// A process that dies right after storage answered its n-th request: that request took effect, the code that sent it
/// never learns so, and nothing after it reaches storage. Armed per test; a new <see cref="TestSite"/> on the same
/// storage plays the restarted process.
/// </summary>
public sealed class InjectedCrash : HttpPipelinePolicy
{
    private int _remaining = int.MaxValue;
    private int _crashed;
    private Func<Request, bool>? _after;

    /// <summary>Whether the crash happened since the last <see cref="Arm"/>.</summary>
    public bool Crashed => Volatile.Read(ref _crashed) == 1;

    /// <summary>The request the process died after, as method and path: what a failing test names.</summary>
    public string? After { get; private set; }

    /// <summary>Crash right after the <paramref name="requests"/>-th request from now.</summary>
    public void Arm(int requests)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1);
        Volatile.Write(ref _crashed, 0);
        Volatile.Write(ref _remaining, requests);
    }

    /// <summary>Crash right after the first request from now that <paramref name="request"/> matches.</summary>
    public void Arm(Func<Request, bool> request)
    {
        Volatile.Write(ref _crashed, 0);
        Volatile.Write(ref _remaining, int.MaxValue);
        _after = request;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The storage clients are used asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        // A dead process sends nothing more: every request after the crash fails the same way, whatever catches it.
        if (Crashed)
        {
            throw new InjectedCrashException();
        }
        await ProcessNextAsync(message, pipeline);
        if (Interlocked.Decrement(ref _remaining) == 0 || _after?.Invoke(message.Request) == true && Interlocked.Exchange(ref _after, null) is not null)
        {
            After = $"{message.Request.Method} {message.Request.Uri.Path}{message.Request.Uri.Query}";
            Volatile.Write(ref _crashed, 1);
            throw new InjectedCrashException();
        }
    }
}

public sealed class InjectedCrashException() : Exception("Injected crash: the process died here.");
