using System.Buffers;
using Serverless.Core.Http;

namespace Serverless.Core.Tests.Http;

/// <summary>The cache's view of an answer: its serialized length is what the memory bound counts.</summary>
public sealed class ServedResponseSerializerTests
{
    private static byte[] Serialize(ServedResponse response)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new ServedResponseSerializer().Serialize(response, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void An_answer_weighs_its_body_and_less_than_a_hundred_bytes_more()
    {
        var body = new byte[2 * 1024 * 1024];

        var serialized = Serialize(new ServedResponse(ServedStatus.Ok, body, "text/html; charset=utf-8", "\"0123456789abcdef\"", DateTimeOffset.UnixEpoch));

        Assert.InRange(serialized.Length, body.Length, body.Length + 100);
    }

    [Fact]
    public void An_answer_read_back_is_the_one_written()
    {
        var written = new ServedResponse(ServedStatus.Ok, "<p>é</p>"u8.ToArray(), "text/html; charset=utf-8", "\"abc\"",
            new DateTimeOffset(2024, 12, 1, 8, 0, 0, TimeSpan.Zero), detail: "v2");

        var read = new ServedResponseSerializer().Deserialize(new ReadOnlySequence<byte>(Serialize(written)));

        Assert.Equal((written.Status, written.ContentType, written.EntityTag, written.LastModified, written.Detail), (read.Status, read.ContentType, read.EntityTag, read.LastModified, read.Detail));
        Assert.Equal(written.Body, read.Body);
        Assert.NotNull(read.Result);
    }

    [Fact]
    public void An_answer_without_body_or_validators_reads_back_as_such()
    {
        var read = new ServedResponseSerializer().Deserialize(new ReadOnlySequence<byte>(Serialize(ServedResponse.Without(ServedStatus.Moved, "new-slug"))));

        Assert.Equal((ServedStatus.Moved, null, null, "new-slug", 0), (read.Status, read.EntityTag, read.LastModified, read.Detail, read.Body.Length));
        Assert.Null(read.Result);
    }
}
