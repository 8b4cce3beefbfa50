using System.Text;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The site container's rebuilds under concurrent renders: a file is replaced only by a build whose inputs were read
/// after the version it replaces, and an unchanged build writes nothing.
/// </summary>
public sealed class SiteFilesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private SiteFiles Files => _site.Get<SiteFiles>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private static Func<CancellationToken, Task<IReadOnlyList<SiteFileContent?>>> Build(string text) =>
        _ => Task.FromResult<IReadOnlyList<SiteFileContent?>>([new SiteFileContent(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8")]);

    private async Task<string?> ReadAsync(string name) =>
        await Files.ReadAsync(name, Cancellation) is { } file ? Encoding.UTF8.GetString(file.Bytes) : null;

    [Fact]
    public async Task Build_overtaken_by_another_write_is_made_again_from_fresh_inputs()
    {
        var builds = 0;

        await Files.PublishAsync(["list.txt"], async token =>
        {
            builds++;
            if (builds == 1)
            {
                // Another instance writes the file between this build's read of the version and its write.
                await new SiteFiles(_site.Get<StorageClients>()).PublishAsync(["list.txt"], Build("written meanwhile"), token);
            }
            return await Build($"build {builds}")(token);
        }, Cancellation);

        Assert.Equal(2, builds);
        Assert.Equal("build 2", await ReadAsync("list.txt"));
    }

    [Fact]
    public async Task Rebuilds_asked_for_while_one_runs_share_a_single_next_run()
    {
        var builds = 0;
        var firstStarted = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        Func<CancellationToken, Task<IReadOnlyList<SiteFileContent?>>> build = async token =>
        {
            var number = Interlocked.Increment(ref builds);
            if (number == 1)
            {
                firstStarted.SetResult();
                await releaseFirst.Task.WaitAsync(token);
            }
            return await Build($"build {number}")(token);
        };

        var first = Files.PublishAsync(["shared.txt"], build, Cancellation);
        await firstStarted.Task.WaitAsync(Cancellation);
        // Five renders ask while the first rebuild runs: what they changed is not in it, so each needs a later one.
        var meanwhile = Enumerable.Range(0, 5).Select(_ => Files.PublishAsync(["shared.txt"], build, Cancellation)).ToList();
        releaseFirst.SetResult();
        await Task.WhenAll([first, .. meanwhile]);

        Assert.Equal(2, builds);
        Assert.Equal("build 2", await ReadAsync("shared.txt"));
    }

    [Fact]
    public async Task Rebuild_asked_for_after_the_last_one_ended_runs_again()
    {
        var builds = 0;
        Func<CancellationToken, Task<IReadOnlyList<SiteFileContent?>>> build = token => Build($"build {Interlocked.Increment(ref builds)}")(token);

        await Files.PublishAsync(["again.txt"], build, Cancellation);
        await Files.PublishAsync(["again.txt"], build, Cancellation);

        Assert.Equal(2, builds);
        Assert.Equal("build 2", await ReadAsync("again.txt"));
    }

    [Fact]
    public async Task Unchanged_build_writes_nothing()
    {
        await Files.PublishAsync(["same.txt"], Build("same"), Cancellation);
        _site.Requests.Reset();

        await Files.PublishAsync(["same.txt"], Build("same"), Cancellation);

        Assert.Equal((1, 0), (_site.Requests.Reads, _site.Requests.Writes)); // the version read, nothing written
    }

    [Fact]
    public async Task Build_of_nothing_removes_the_file()
    {
        await Files.PublishAsync(["gone.txt"], Build("here"), Cancellation);

        await Files.PublishAsync(["gone.txt"], _ => Task.FromResult<IReadOnlyList<SiteFileContent?>>([null]), Cancellation);

        Assert.Null(await ReadAsync("gone.txt"));
    }

    [Fact]
    public async Task Same_content_has_the_same_etag_whoever_wrote_it()
    {
        await Files.PublishAsync(["tagged.txt"], Build("content"), Cancellation);
        var first = await Files.ReadAsync("tagged.txt", Cancellation);

        await using var other = new TestSite(azurite, _site.Settings);
        await other.Get<SiteFiles>().PublishAsync(["tagged.txt"], Build("content"), Cancellation);

        Assert.Equal(first!.ETag, (await other.Get<SiteFiles>().ReadAsync("tagged.txt", Cancellation))!.ETag);
        Assert.Equal(SiteFiles.ETagOf(Encoding.UTF8.GetBytes("content")), first.ETag);
    }
}
