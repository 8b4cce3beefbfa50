using Serverless.Core.Configuration;
using Serverless.Core.Storage;
using Serverless.LocalServer.Publishing;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// <c>upload FILE...</c>: puts articles into the container of the running local server (or of the account named by
/// AzureWebJobsStorage), then waits for each to be processed and prints its page URL or the reason it failed.
/// </summary>
public static class UploadCommand
{
    /// <summary>The settings the command reads: appsettings.json and the environment, as the server does.</summary>
    public static IConfigurationRoot DefaultConfiguration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlyList<FileInfo> files, string? folder, TimeSpan wait, TextWriter output, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(configuration[StorageOptions.ConnectionSettingName]))
        {
            var connectionFile = RepositoryRoot.ConnectionFile;
            if (!File.Exists(connectionFile))
            {
                await output.WriteLineAsync("No storage to upload to: start the local server first (dotnet run --project src/Serverless.LocalServer), or set AzureWebJobsStorage.");
                return 2;
            }
            configuration[StorageOptions.ConnectionSettingName] = (await File.ReadAllTextAsync(connectionFile, cancellationToken)).Trim();
        }
        var baseUrl = (configuration["Site:PublicBaseUrl"] ?? LocalServerSettings.DefaultUrls).TrimEnd('/');

        var services = new ServiceCollection().AddLogging();
        services.AddServerlessCore(configuration);
        services.AddSingleton<ArticleUploader>();
        await using var provider = services.BuildServiceProvider();
        var uploader = provider.GetRequiredService<ArticleUploader>();
        var repository = provider.GetRequiredService<ArticleRepository>();

        var exitCode = 0;
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                await output.WriteLineAsync($"{file.FullName}: no such file");
                exitCode = 1;
                continue;
            }
            var blobName = string.IsNullOrEmpty(folder) ? file.Name : $"{folder.Trim('/')}/{file.Name}";
            var uploadedAt = System.Diagnostics.Stopwatch.StartNew();
            var content = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
            var outcome = await uploader.UploadAsync(blobName, content, overwrite: true, cancellationToken);
            await output.WriteLineAsync($"{file.Name} → articles/{blobName}: {(outcome == ArticleUploader.Outcome.Unchanged ? "unchanged" : "uploaded")}");
            var source = await WaitForProcessingAsync(repository, blobName, content, wait, cancellationToken);
            if (source?.SourceStatus == SourceStatus.Published && !await WaitForPageAsync(repository, source.Slug!, uploadedAt.Elapsed, wait, cancellationToken))
            {
                await output.WriteLineAsync($"  ingested as {source.Slug}, but its page was not rendered within {wait.TotalSeconds:0} s: is the render queue being processed?");
                exitCode = 1;
                continue;
            }
            if (source is null)
            {
                await output.WriteLineAsync($"  not processed within {wait.TotalSeconds:0} s: is the local server (or the Functions app) running?");
                exitCode = 1;
                continue;
            }
            await output.WriteLineAsync(source.SourceStatus switch
            {
                SourceStatus.Published => $"  published: {baseUrl}/articles/{source.Slug} ({uploadedAt.Elapsed.TotalSeconds:0.0} s after upload)",
                _ => $"  {source.Status.ToLowerInvariant()}: {source.Message}",
            });
            foreach (var warning in System.Text.Json.JsonSerializer.Deserialize<string[]>(source.WarningsJson) ?? [])
            {
                await output.WriteLineAsync($"  warning: {warning}");
            }
            if (source.SourceStatus == SourceStatus.Failed)
            {
                exitCode = 1;
            }
        }
        return exitCode;
    }

    /// <summary>Waits until stage 2 has rendered the article's current record.</summary>
    private static async Task<bool> WaitForPageAsync(ArticleRepository repository, string slug, TimeSpan elapsed, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait - elapsed;
        while (DateTime.UtcNow < deadline)
        {
            if (await repository.GetArticleAsync(slug, cancellationToken) is { IsServed: true } article && article.RenderedRecordHash == article.RecordHash)
            {
                return true;
            }
            await Task.Delay(100, cancellationToken);
        }
        return false;
    }

    /// <summary>Waits until the source record shows this very content was processed (its MD5, as the publisher records it).</summary>
    private static async Task<SourceEntity?> WaitForProcessingAsync(ArticleRepository repository, string blobName, byte[] content, TimeSpan wait, CancellationToken cancellationToken)
    {
#pragma warning disable CA5351 // The publisher's change detector, not a security use.
        var md5 = Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(content));
#pragma warning restore CA5351
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            var source = await repository.GetSourceAsync(blobName, cancellationToken);
            if (source?.ContentMd5 == md5)
            {
                return source;
            }
            await Task.Delay(100, cancellationToken);
        }
        return null;
    }
}
