using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>Counts the storage requests a client pipeline sends: deterministic proof of "no write" and "one read".</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _reads;
    private int _writes;
    private readonly ConcurrentQueue<string> _sent = new();
    private readonly ConcurrentQueue<string> _addresses = new();

    public int Reads => Volatile.Read(ref _reads);
    public int Writes => Volatile.Read(ref _writes);
    public int Total => Reads + Writes;

    /// <summary>
    /// The requests since the last reset, counted by method and resource (container, table or queue), most first: what
    /// a cost test prints so that a changed count says where it moved.
    /// </summary>
    public string Breakdown => string.Join(", ", _sent
        .GroupBy(request => request, StringComparer.Ordinal)
        .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
        .Select(group => $"{group.Key} {group.Count()}"));

    /// <summary>The requests since the last reset, as method and resource, in the order sent: where a cost test's count comes from, step by step.</summary>
    public IReadOnlyList<string> Sent => [.. _sent];

    /// <summary>Requests since the last reset to one container, table or queue (its name as configured).</summary>
    public int To(string resource) => _sent.Count(request => request.EndsWith(" " + resource, StringComparison.Ordinal));

    /// <summary>
    /// Requests since the last reset whose address (path and query, unescaped) holds <paramref name="text"/>: those of
    /// one table partition, say, through the query's filter (<c>PartitionKey eq 'df'</c>).
    /// </summary>
    public int Addressing(string text) => _addresses.Count(address => address.Contains(text, StringComparison.Ordinal));

    /// <summary>Requests since the last reset of one method to one container, table or queue.</summary>
    public int To(string method, string resource) => _sent.Count(request => request == $"{method} {resource}");

    public void Reset()
    {
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _writes, 0);
        _sent.Clear();
        _addresses.Clear();
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        _sent.Enqueue($"{message.Request.Method} {Resource(message.Request.Uri.Path)}");
        _addresses.Enqueue(Uri.UnescapeDataString(message.Request.Uri.PathAndQuery));
        if (message.Request.Method == RequestMethod.Get || message.Request.Method == RequestMethod.Head)
        {
            Interlocked.Increment(ref _reads);
        }
        else
        {
            Interlocked.Increment(ref _writes);
        }
    }

    /// <summary>The first path segment after the account: the container, the table (without its keys) or the queue.</summary>
    private static string Resource(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : path;
        var keys = resource.IndexOf('(');
        return keys < 0 ? resource : resource[..keys];
    }
}
