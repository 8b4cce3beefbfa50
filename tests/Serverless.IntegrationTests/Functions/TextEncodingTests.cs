using System.Text;
using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>Uploads in the encodings editors save: published as text when a byte order mark says which, refused clearly otherwise.</summary>
public sealed class TextEncodingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Article = "---\r\ntitle: \"Élections : les résultats\"\r\nslug: encoded\r\nlang: fr\r\n---\r\n\r\nLes bureaux de vote ont fermé à 20 heures.\r\n";
    private readonly TestSite _site = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    public static TheoryData<string> Encodings => ["utf-16", "utf-16BE", "utf-32", "utf-8"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Text_with_a_byte_order_mark_is_decoded_and_published(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);

        var result = await _site.PublishBytesAsync("encoded.md", [.. encoding.GetPreamble(), .. encoding.GetBytes(Article)]);
        var page = await _site.GetPageAsync("encoded");

        Assert.Equal(PublishStatus.Published, result.Status);
        Assert.Contains("<meta property=\"og:title\" content=\"Élections : les résultats\">", page.Body);
        Assert.Contains("<p>Les bureaux de vote ont fermé à 20 heures.</p>", page.Body);
        Assert.DoesNotContain('\r', page.Body);
        Assert.DoesNotContain('\uFEFF', page.Body);
    }

    [Fact]
    public async Task Binary_content_with_a_text_name_is_refused_as_binary()
    {
        var result = await _site.PublishBytesAsync("photo.md", [0x41, 0x00, 0x42, 0x00, 0x0A, 0x43]);

        Assert.Equal((PublishStatus.Failed, "The file is binary, not text (it holds NUL characters). Upload the article as a Markdown or text file saved as UTF-8."),
            (result.Status, result.Message));
    }

    [Fact]
    public async Task Invalid_utf8_without_a_byte_order_mark_is_refused_with_its_position()
    {
        var result = await _site.PublishBytesAsync("latin1.md", [.. Encoding.ASCII.GetBytes("Titre\n\nCaf"), 0xE9, 0x20, 0x21]);

        Assert.Equal((PublishStatus.Failed, "The file is not UTF-8 text (invalid byte at position 10). Save it as UTF-8 and upload it again."),
            (result.Status, result.Message));
    }
}
