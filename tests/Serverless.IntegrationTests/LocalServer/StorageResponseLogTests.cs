using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Hosting;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>What the local server logs of storage's error answers: the expected ones only at debug level.</summary>
public sealed class StorageResponseLogTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Not_found_and_already_exists_answers_are_debug_messages()
    {
        var logger = new RecordingLogger<StorageResponseLog>();
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("log-" + Guid.NewGuid().ToString("N")[..12]);
        // Other tests talk to storage meanwhile: this test's requests carry an id of their own, which the log names.
        var requestId = Guid.NewGuid().ToString();
        using (new StorageResponseLog(logger))
        using (Azure.Core.Pipeline.HttpPipeline.CreateClientRequestIdScope(requestId))
        {
            await container.CreateIfNotExistsAsync(cancellationToken: Cancellation);
            await container.CreateIfNotExistsAsync(cancellationToken: Cancellation);
            await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("missing.md").GetPropertiesAsync(cancellationToken: Cancellation));
        }

        var mine = logger.Entries.Where(entry => entry.Message.Contains(requestId, StringComparison.Ordinal)).ToList();
        Assert.Contains(mine, entry => entry.Level == LogLevel.Debug && entry.Message.StartsWith("Storage answered 409, as expected", StringComparison.Ordinal));
        Assert.Contains(mine, entry => entry.Level == LogLevel.Debug && entry.Message.StartsWith("Storage answered 404, as expected", StringComparison.Ordinal));
        Assert.DoesNotContain(mine, entry => entry.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Unexpected_answers_are_warnings()
    {
        var logger = new RecordingLogger<StorageResponseLog>();
        // The right account with a wrong key: storage answers 403.
        var wrongKey = azurite.ConnectionString.Replace(Serverless.LocalServer.Azurite.AzuriteProcess.AccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal);
        var container = new BlobServiceClient(wrongKey).GetBlobContainerClient("forbidden-" + Guid.NewGuid().ToString("N")[..12]);
        var requestId = Guid.NewGuid().ToString();
        using (new StorageResponseLog(logger))
        using (Azure.Core.Pipeline.HttpPipeline.CreateClientRequestIdScope(requestId))
        {
            await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync(cancellationToken: Cancellation));
        }

        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains(requestId, StringComparison.Ordinal) && entry.Message.Contains("403", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Verbose_brings_the_debug_messages_back(bool verbose, bool debugLogged)
    {
        await using var server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with { SamplesDirectory = null, Verbose = verbose });

        var logger = server.App.Services.GetRequiredService<ILogger<StorageResponseLog>>();

        Assert.Equal(debugLogged, logger.IsEnabled(LogLevel.Debug));
    }

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        private readonly List<(LogLevel Level, string Message)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
