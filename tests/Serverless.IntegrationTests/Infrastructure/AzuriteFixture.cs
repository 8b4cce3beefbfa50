using Microsoft.Extensions.Logging.Abstractions;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Azurite;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>One in-memory Azurite on free ports for the whole test run (a class of its own: <see cref="OwnAzuriteFixture"/>); each test works in its own containers and tables.</summary>
public class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public async ValueTask InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions(), NullLogger.Instance, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
