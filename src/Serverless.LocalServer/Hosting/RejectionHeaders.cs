using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Serverless.Core.Http;

namespace Serverless.LocalServer.Hosting;

/// <summary>
/// Kestrel answers a request it cannot parse (400 for a malformed request, 414 for a request line over its limit, 431
/// for headers over theirs) itself, before any middleware runs, with no headers but its own. This connection
/// middleware adds <see cref="SecurityHeaders"/> to those answers as they are written, so that every answer carries
/// them; answers from the application already do and pass untouched.
/// </summary>
public static class RejectionHeaders
{
    public static void AddRejectionHeaders(this ListenOptions listen) => listen.Use(next => async connection =>
    {
        var transport = connection.Transport;
        connection.Transport = new WrappedTransport(transport.Input, new Writer(transport.Output));
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    });

    private static readonly byte[] Headers = Encoding.ASCII.GetBytes(
        "X-Content-Type-Options: nosniff\r\nReferrer-Policy: strict-origin-when-cross-origin\r\nContent-Security-Policy: " + SecurityHeaders.DefaultContentSecurityPolicy + "\r\n");

    private sealed class WrappedTransport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>
    /// Hands Kestrel buffers a little shorter than the ones it gets, so that a rejection's header block, which Kestrel
    /// writes whole in one buffer, can take the headers after its status line before it is committed.
    /// </summary>
    private sealed class Writer(PipeWriter inner) : PipeWriter
    {
        private Memory<byte> _memory;

        public override Memory<byte> GetMemory(int sizeHint = 0)
        {
            _memory = inner.GetMemory(Math.Max(sizeHint, 1) + Headers.Length);
            return _memory[..^Headers.Length];
        }

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        /// <remarks>
        /// Kestrel's buffer writer goes on writing after an Advance into the rest of the memory it was given, without
        /// asking again (which the pipe allows): what it writes next starts where this Advance ends.
        /// </remarks>
        public override void Advance(int bytes)
        {
            var written = _memory.Span;
            if (bytes > 0 && bytes <= written.Length && IsRejection(written[..bytes]))
            {
                // A rejection ends the connection: nothing is written after it, so the shifted memory is never used again.
                var afterStatusLine = written.IndexOf("\r\n"u8) + 2;
                written[afterStatusLine..bytes].CopyTo(written[(afterStatusLine + Headers.Length)..]);
                Headers.CopyTo(written[afterStatusLine..]);
                _memory = default;
                inner.Advance(bytes + Headers.Length);
                return;
            }
            _memory = bytes <= _memory.Length ? _memory[bytes..] : default;
            inner.Advance(bytes);
        }

        /// <summary>A whole header block of an error Kestrel wrote itself: 4xx or 5xx, no body, closing, without the application's headers.</summary>
        private static bool IsRejection(ReadOnlySpan<byte> written)
        {
            if (!written.StartsWith("HTTP/1."u8) || written.Length < 12 || written[9] is not ((byte)'4' or (byte)'5'))
            {
                return false;
            }
            var end = written.IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                return false;
            }
            var block = written[..(end + 2)];
            return block.IndexOf("\r\nContent-Length: 0\r\n"u8) >= 0 && block.IndexOf("\r\nConnection: close\r\n"u8) >= 0
                && block.IndexOf("\r\nX-Content-Type-Options:"u8) < 0;
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;
    }
}
