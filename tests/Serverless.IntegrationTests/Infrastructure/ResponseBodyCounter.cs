using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the bytes the code reads from storage's streamed response bodies (blob downloads), by blob: proof that a
/// download stopped where it had to. They are counted as the caller reads them, not as the network delivers them.
/// </summary>
public sealed class ResponseBodyCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, long> _bytesRead = new(StringComparer.Ordinal);

    /// <summary>Bytes read from the responses to requests for <paramref name="blobName"/>, in any container.</summary>
    public long BytesRead(string blobName) =>
        _bytesRead.Where(pair => pair.Key.EndsWith("/" + blobName, StringComparison.Ordinal)).Sum(pair => pair.Value);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Wrap(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Wrap(message);
    }

    private void Wrap(HttpMessage message)
    {
        // Buffered answers (tables, queues, small reads) are left alone: their readers expect the buffer itself.
        if (message.BufferResponse || message.Request.Method != RequestMethod.Get || message.Response.ContentStream is not { } content)
        {
            return;
        }
        var path = Uri.UnescapeDataString(message.Request.Uri.Path);
        message.Response.ContentStream = new CountingStream(content, count => _bytesRead.AddOrUpdate(path, count, (_, total) => total + count));
    }

    private sealed class CountingStream(Stream inner, Action<int> counted) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Counted(int read)
        {
            counted(read);
            return read;
        }

        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
