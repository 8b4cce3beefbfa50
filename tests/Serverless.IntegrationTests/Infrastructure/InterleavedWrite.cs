using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Runs another operation just before the next write of one row of the articles table is sent, as a concurrent stage
/// would, and counts the conflicts (409, 412) storage answers to writes of the article's rows: deterministic proof of
/// which writes make which retry.
/// </summary>
public sealed class InterleavedWrite(string slug) : HttpPipelinePolicy
{
    private Func<Task>? _before;
    private string? _rowKey;
    private int _conflicts;

    /// <summary>Conflicts answered to writes of the article's rows since the site started.</summary>
    public int Conflicts => Volatile.Read(ref _conflicts);

    /// <summary>Whether the operation armed last has run.</summary>
    public bool Ran => _rowKey is not null && Volatile.Read(ref _before) is null;

    /// <summary>Runs <paramref name="before"/> once, before the next write of the row <paramref name="rowKey"/> goes out.</summary>
    public void Arm(string rowKey, Func<Task> before) => (_rowKey, _before) = (rowKey, before);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The storage clients are used asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var request = message.Request;
        var isWrite = request.Method != RequestMethod.Get && request.Method != RequestMethod.Head;
        var target = isWrite ? await RowOfAsync(message) : null;
        if (target is not null && target.Value.RowKey == _rowKey && Interlocked.Exchange(ref _before, null) is { } before)
        {
            await before();
        }
        await ProcessNextAsync(message, pipeline);
        if (target is not null && message.Response.Status is 409 or 412)
        {
            Interlocked.Increment(ref _conflicts);
        }
    }

    /// <summary>The article row a write targets, by its URI (replace, delete) or its body (add); null for any other request.</summary>
    private async Task<(string PartitionKey, string RowKey)?> RowOfAsync(HttpMessage message)
    {
        var uri = Uri.UnescapeDataString(message.Request.Uri.ToString());
        foreach (var rowKey in new[] { "article", "outputs" })
        {
            if (uri.Contains($"PartitionKey='{slug}',RowKey='{rowKey}'", StringComparison.Ordinal))
            {
                return (slug, rowKey);
            }
        }
        if (message.Request.Content is not { } content)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        await content.WriteToAsync(buffer, message.CancellationToken);
        var body = Encoding.UTF8.GetString(buffer.ToArray());
        message.Request.Content = RequestContent.Create(buffer.ToArray());
        foreach (var rowKey in new[] { "article", "outputs" })
        {
            if (body.Contains($"\"PartitionKey\":\"{slug}\"", StringComparison.Ordinal) && body.Contains($"\"RowKey\":\"{rowKey}\"", StringComparison.Ordinal))
            {
                return (slug, rowKey);
            }
        }
        return null;
    }
}
