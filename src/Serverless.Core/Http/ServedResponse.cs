using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Net.Http.Headers;

namespace Serverless.Core.Http;

/// <summary>What a public route answers for one key, decided once per cache entry.</summary>
public enum ServedStatus : byte
{
    Ok,
    NotFound,
    Gone,
    Moved,
}

/// <summary>
/// One answer of a public route, computed when it is read from storage and then reused by every request while it is
/// cached: the body's bytes (HTML, JSON, XML, PNG), its type, validators, and the framework's result that writes it and
/// answers If-None-Match / If-Modified-Since with 304. Immutable (sealed and <see cref="ImmutableObjectAttribute"/>), so
/// <see cref="HybridCache"/> hands out this instance instead of deserialising a copy per request.
/// </summary>
[ImmutableObject(true)]
public sealed class ServedResponse
{
    private static readonly byte[] NoBody = [];

    public ServedResponse(ServedStatus status, byte[] body, string contentType, string? entityTag = null, DateTimeOffset? lastModified = null, string? detail = null)
    {
        Status = status;
        Body = body;
        ContentType = contentType;
        EntityTag = entityTag;
        LastModified = lastModified;
        Detail = detail;
        if (status == ServedStatus.Ok)
        {
            Result = Results.Bytes(body, contentType, lastModified: lastModified,
                entityTag: entityTag is null ? null : new EntityTagHeaderValue(entityTag));
        }
    }

    /// <summary>An answer without a body: <paramref name="detail"/> is the slug a move leads to.</summary>
    public static ServedResponse Without(ServedStatus status, string? detail = null) => new(status, NoBody, string.Empty, detail: detail);

    /// <summary>A body with a strong validator made from its bytes.</summary>
    public static ServedResponse Hashed(byte[] body, string contentType, string? detail = null) =>
        new(ServedStatus.Ok, body, contentType, Storage.SiteFiles.ETagOf(body), detail: detail);

    public ServedStatus Status { get; }

    public byte[] Body { get; }

    public string ContentType { get; }

    /// <summary>The quoted entity tag, e.g. <c>"3f2a…"</c>.</summary>
    public string? EntityTag { get; }

    public DateTimeOffset? LastModified { get; }

    /// <summary>Route-specific: where a moved article went, or the version of a share card.</summary>
    public string? Detail { get; }

    /// <summary>For <see cref="ServedStatus.Ok"/>: the result writing the body (shared: it holds no per-request state).</summary>
    public IResult? Result { get; }
}

/// <summary>
/// Writes a <see cref="ServedResponse"/> as its body plus a few dozen bytes of header: HybridCache sizes a memory-cache
/// entry by the serialized length and refuses payloads over <c>MaximumPayloadBytes</c>, so each entry counts its real
/// bytes. Read back only by a distributed cache, should one be added.
/// </summary>
public sealed class ServedResponseSerializer : IHybridCacheSerializer<ServedResponse>
{
    public void Serialize(ServedResponse value, IBufferWriter<byte> target)
    {
        target.Write([(byte)value.Status]);
        WriteString(target, value.ContentType);
        WriteString(target, value.EntityTag);
        WriteString(target, value.Detail);
        BinaryPrimitives.WriteInt64LittleEndian(target.GetSpan(8), value.LastModified?.UtcTicks ?? -1);
        target.Advance(8);
        target.Write(value.Body);
    }

    public ServedResponse Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new SequenceReader<byte>(source);
        reader.TryRead(out var status);
        var contentType = ReadString(ref reader) ?? string.Empty;
        var entityTag = ReadString(ref reader);
        var detail = ReadString(ref reader);
        reader.TryReadLittleEndian(out long ticks);
        var body = reader.UnreadSequence.ToArray();
        return new ServedResponse((ServedStatus)status, body, contentType, entityTag,
            ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero), detail);
    }

    private static void WriteString(IBufferWriter<byte> target, string? value)
    {
        var length = value is null ? -1 : Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteInt32LittleEndian(target.GetSpan(4), length);
        target.Advance(4);
        if (length > 0)
        {
            target.Advance(Encoding.UTF8.GetBytes(value, target.GetSpan(length)));
        }
    }

    private static string? ReadString(ref SequenceReader<byte> reader)
    {
        reader.TryReadLittleEndian(out int length);
        if (length < 0)
        {
            return null;
        }
        var bytes = reader.UnreadSequence.Slice(0, length).ToArray();
        reader.Advance(length);
        return Encoding.UTF8.GetString(bytes);
    }
}
