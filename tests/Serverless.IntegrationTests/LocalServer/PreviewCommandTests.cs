using System.Text.Json;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// The command line says what the share preview says: <c>upload</c> prints each platform warning after the URL (and
/// <c>--json</c> carries them), <c>preview FILE</c> shows the cards of a file before it is uploaded, <c>preview BLOB</c>
/// those of an uploaded one.
/// </summary>
public sealed class PreviewCommandTests(OwnAzuriteFixture azurite) : IClassFixture<OwnAzuriteFixture>, IAsyncLifetime
{
    private const string LongTitle = "A headline written long enough that Google and LinkedIn both cut it before its last words";
    private CommandLineSite _site = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _site = await CommandLineSite.StartAsync(azurite.ConnectionString);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Upload_prints_each_platform_warning_after_the_url()
    {
        _site.Write("long.md", Samples.FrontMatterArticle(LongTitle, extra: "slug: long-headline"));

        var run = await _site.Cli.RunAsync("upload", "long.md");

        Assert.True(run.ExitCode == 0, run.ToString());
        var url = run.Output.IndexOf($"published: {_site.Url}/articles/long-headline", StringComparison.Ordinal);
        var google = run.Output.IndexOf("warning google title-cut: Google shows about 60 characters", StringComparison.Ordinal);
        Assert.True(url >= 0 && google > url, run.ToString());
        Assert.Contains("warning linkedin title-cut:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_json_carries_the_platform_warnings()
    {
        _site.Write("long.md", Samples.FrontMatterArticle(LongTitle, extra: "slug: long-headline"));

        var run = await _site.Cli.RunAsync("upload", "long.md", "--json");

        using var json = JsonDocument.Parse(run.Output);
        var warnings = json.RootElement.GetProperty("files")[0].GetProperty("shareWarnings").EnumerateArray()
            .Select(warning => $"{warning.GetProperty("platform").GetString()}:{warning.GetProperty("rule").GetString()}");
        Assert.Equal(["google:title-cut", "linkedin:title-cut"], warnings.Order());
    }

    [Fact]
    public async Task Preview_of_a_file_shows_every_platform_before_anything_is_uploaded()
    {
        _site.Write("not-yet.md", Samples.FrontMatterArticle(LongTitle, extra: "slug: not-yet"));

        var run = await _site.Cli.RunAsync("preview", "not-yet.md");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var platform in (string[])["x", "facebook", "linkedin", "bluesky", "mastodon", "whatsapp", "slack", "discord", "google"])
        {
            Assert.Contains($"\n{platform}: ", "\n" + run.Output, StringComparison.Ordinal);
        }
        Assert.Contains($"x: image large 1200×630 · {new Uri(_site.Url).Host}", run.Output, StringComparison.Ordinal);
        Assert.Contains("warning google title-cut:", run.Output, StringComparison.Ordinal);
        Assert.False(await _site.Server.Articles.GetBlobClient("not-yet.md").ExistsAsync(Cancellation));
    }

    [Fact]
    public async Task Preview_of_an_uploaded_blob_in_json_is_the_share_preview()
    {
        await _site.Server.UploadAsync("uploaded.md", Samples.FrontMatterArticle("Short and clear", extra: "slug: short-and-clear"));

        var run = await _site.Cli.RunAsync("preview", "uploaded.md", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var preview = json.RootElement.GetProperty("preview");
        Assert.Equal(9, preview.GetProperty("platforms").GetArrayLength());
        Assert.Equal(0, preview.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Preview_open_hands_the_share_preview_page_to_the_browser_without_the_key_in_its_url()
    {
        await _site.Server.UploadAsync("to open.md", Samples.FrontMatterArticle("Short and clear", extra: "slug: to-open"));
        // A stand-in for the desktop's opener (.NET hands a URL to xdg-open on Linux): it writes down what it was given.
        var opener = Directory.CreateTempSubdirectory("preview-open-").FullName;
        var opened = Path.Combine(opener, "opened.txt");
        File.WriteAllText(Path.Combine(opener, "xdg-open"), $"#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{opened}'\n");
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("On Windows the shell opens URLs, not xdg-open.");
        }
        else
        {
            File.SetUnixFileMode(Path.Combine(opener, "xdg-open"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var cli = new CommandLine(_site.State, _site.Work, new Dictionary<string, string?>(_site.Server.Settings) { ["PATH"] = opener + ":" + Environment.GetEnvironmentVariable("PATH") });

        var run = await cli.RunAsync("preview", "to open.md", "--open");

        Assert.True(run.ExitCode == 0, run.ToString());
        var page = $"{_site.Url}/admin/share-preview?blob=to%20open.md";
        Assert.Contains("Opening " + page, run.Output, StringComparison.Ordinal);
        Assert.Equal([page], await WaitForLinesAsync(opened));
        Assert.DoesNotContain(_site.Server.AdminKey, File.ReadAllText(opened), StringComparison.Ordinal);
        Directory.Delete(opener, recursive: true);
    }

    /// <summary>The opener runs beside the command, which does not wait for it: its file is read once it has written.</summary>
    private static async Task<string[]> WaitForLinesAsync(string path)
    {
        for (var tries = 0; tries < 100 && !File.Exists(path); tries++)
        {
            await Task.Delay(50, Cancellation);
        }
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    [Fact]
    public void Preview_open_without_a_local_server_opens_the_page_azure_signs_authors_in_at() =>
        Assert.Equal("https://news.example.com/api/admin/signed-in/share-preview?blob=2026%2F12%2Fa%20b.md",
            Serverless.LocalServer.Commands.PreviewCommand.SharePreviewPage(localServer: null, "https://news.example.com", "2026/12/a b.md"));

    [Fact]
    public async Task Preview_open_of_a_file_not_yet_uploaded_opens_nothing_and_says_why()
    {
        _site.Write("not-yet.md", Samples.FrontMatterArticle("Short and clear", extra: "slug: not-yet"));

        var run = await _site.Cli.RunAsync("preview", "not-yet.md", "--open");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--open shows uploaded articles", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Opening ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_of_neither_a_file_nor_a_blob_fails_saying_so()
    {
        var run = await _site.Cli.RunAsync("preview", "nowhere.md");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No file or uploaded blob is named 'nowhere.md'", run.Error, StringComparison.Ordinal);
    }
}
