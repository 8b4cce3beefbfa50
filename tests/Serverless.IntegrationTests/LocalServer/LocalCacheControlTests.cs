using Serverless.Core.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>The local server's own <c>Site:CacheSeconds</c> (its appsettings.json): what it sends is what the README says.</summary>
public sealed class LocalCacheControlTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Answers_carry_the_cache_control_the_readme_gives_for_the_local_server()
    {
        var repository = Serverless.LocalServer.RepositoryRoot.Find();
        using var serverSettings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(repository, "src", "Serverless.LocalServer", "appsettings.json")));
        var localSeconds = serverSettings.RootElement.GetProperty("Site").GetProperty("CacheSeconds").GetInt32();
        var row = File.ReadAllLines(Path.Combine(repository, "README.md")).Single(line => line.StartsWith("| `Site__CacheSeconds` |", StringComparison.Ordinal));
        // The test settings set their own CacheSeconds: without it the server takes its appsettings.json, as for an author.
        await using var server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with
        {
            SamplesDirectory = null,
            Configuration = settings.Configuration.Where(setting => setting.Key != "Site:CacheSeconds").ToDictionary(),
        });

        using var answer = await server.Http.GetAsync("/api/articles", TestContext.Current.CancellationToken);

        Assert.Contains($"The local server sets `{localSeconds}`", row);
        Assert.Contains($"`Cache-Control: {HttpCaching.Public(localSeconds)}`", row);
        Assert.Equal(HttpCaching.Public(localSeconds), answer.Headers.CacheControl?.ToString());
    }
}
