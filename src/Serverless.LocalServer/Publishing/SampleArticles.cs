namespace Serverless.LocalServer.Publishing;

/// <summary>
/// Uploads the repository's sample articles on start into an empty container only (a fresh in-memory Azurite, a new
/// <c>--data</c> folder): once an author has a site, whatever they deleted or edited stays as they left it.
/// </summary>
public sealed partial class SampleArticles(ArticleUploader uploader, LocalServerSettings settings, ILogger<SampleArticles> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.SamplesDirectory is not { } directory || !Directory.Exists(directory))
        {
            return;
        }
        if (!await uploader.IsEmptyAsync(cancellationToken))
        {
            LogNotEmpty();
            return;
        }
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = ArticleUploader.BlobNameFor(directory, file);
            var outcome = await uploader.UploadAsync(name, await File.ReadAllBytesAsync(file, cancellationToken), overwrite: false, cancellationToken);
            if (outcome == ArticleUploader.Outcome.Uploaded)
            {
                LogUploaded(name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The articles container holds a site already: the sample articles are not uploaded again (they go only into an empty container)")]
    private partial void LogNotEmpty();

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded sample article {BlobName}")]
    private partial void LogUploaded(string blobName);
}
