using CsCheck;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;
using Serverless.Core.Tests.Security;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Generated articles (<see cref="ArticleGenerators"/>) through both stages as the Functions host runs them, on Azurite:
/// each is published (or kept back as a draft or scheduled) and served, or recorded as Failed with a message. Nothing
/// else escapes either stage. Fewer iterations than the unit properties: each one is a real publish.
/// </summary>
public sealed class GeneratedArticlesPublishingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Publishing_a_generated_article_publishes_it_or_records_failed_with_a_message() =>
        await ArticleGenerators.Article.SampleAsync(async text =>
        {
            var blobName = $"generated/{Guid.NewGuid():N}.md";

            var result = await _site.PublishAsync(blobName, text);

            var source = await _site.Get<ArticleRepository>().GetSourceAsync(blobName, TestContext.Current.CancellationToken);
            Assert.NotNull(source);
            switch (result.Status)
            {
                case PublishStatus.Failed:
                    Assert.False(string.IsNullOrWhiteSpace(result.Message), "A failure tells the author what to fix.");
                    Assert.Equal((SourceStatus.Failed, result.Message), (source.SourceStatus, source.Message));
                    break;
                case PublishStatus.Published:
                    Assert.Equal(200, (await _site.GetPageAsync(result.Slug!)).StatusCode);
                    break;
                default:
                    Assert.Contains(result.Status, new[] { PublishStatus.Draft, PublishStatus.Scheduled });
                    break;
            }
        }, iter: Environment.GetEnvironmentVariable("CsCheck_Iter") is null ? 30 : Check.Iter, threads: 1);
}
