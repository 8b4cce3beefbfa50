using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Makes the next write of one article's row carry a property over Table Storage's limit, so that Azurite refuses it
/// with the 400 it gives any oversized value: a refusal no retry changes.
/// </summary>
public sealed class OversizedProperty(string slug) : HttpPipelinePolicy
{
    private int _remaining;

    /// <summary>Refuses the next <paramref name="writes"/> writes of the row.</summary>
    public void Arm(int writes = 1) => Volatile.Write(ref _remaining, writes);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The storage clients are used asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var request = message.Request;
        if (Volatile.Read(ref _remaining) > 0 && request.Content is { } content && request.Method != RequestMethod.Get)
        {
            using var buffer = new MemoryStream();
            await content.WriteToAsync(buffer, message.CancellationToken);
            var body = Encoding.UTF8.GetString(buffer.ToArray());
            var isRow = request.Uri.ToString().Contains($"PartitionKey='{slug}'", StringComparison.Ordinal)
                || body.Contains($"\"PartitionKey\":\"{slug}\"", StringComparison.Ordinal);
            if (isRow && body.StartsWith('{') && Interlocked.Decrement(ref _remaining) >= 0)
            {
                body = body[..^1] + ",\"Padding\":\"" + new string('x', 40_000) + "\"}";
            }
            request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body));
        }
        await ProcessNextAsync(message, pipeline);
    }
}
