using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Azurite;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// A folder of many articles through <c>upload</c>: uploaded 16 at a time, waited for by the bounded poll (more files
/// than one pass reads, so the line of waiting files turns over), every one published. 40 by default;
/// <c>SERVERLESS_NEWSROOM_SCALE=1</c> uploads 1,000, as a newsroom's archive would come.
/// </summary>
/// <remarks>
/// On an Azurite of its own, as an author's server has: on the suite's shared one, grown large by the tests before, a
/// CI run saw the server's admin API wait more than the command's 30 s on storage (13 s for the whole test alone).
/// </remarks>
public sealed class UploadAtScaleTests : IAsyncLifetime
{
    private static readonly int Articles = Environment.GetEnvironmentVariable("SERVERLESS_NEWSROOM_SCALE") == "1" ? 1_000 : 40;
    private AzuriteProcess _azurite = null!;
    private CommandLineSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions(), NullLogger.Instance, TestContext.Current.CancellationToken);
        _site = await CommandLineSite.StartAsync(_azurite.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Upload_of_a_folder_of_many_articles_publishes_every_one_and_sums_them_up()
    {
        var corpus = Enumerable.Range(0, Articles).Select(index => SyntheticCorpus.Article(index)).ToList();
        foreach (var article in corpus)
        {
            _site.Write(Path.Combine("archive", article.BlobName), article.Content);
        }

        // A bound against hanging, not a speed target.
        var run = await _site.Cli.RunAsync(TimeSpan.FromMinutes(30), "upload", "archive", "--wait", "120");

        TestContext.Current.TestOutputHelper?.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches($@"(?m)^{Articles} files in \d+\.\d s \(\d+\.\d files/s\): {Articles} published$", run.Output);
        Assert.Contains($"  {Articles} of {Articles} uploaded, ", run.Output);
        Assert.Contains(Serverless.LocalServer.Commands.UploadCommand.ShareWarningsLeftToPreview, run.Output, StringComparison.Ordinal);
        foreach (var article in new[] { corpus[0], corpus[^1] })
        {
            using var page = await _site.Server.Http.GetAsync($"/articles/{article.Slug}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }
}
