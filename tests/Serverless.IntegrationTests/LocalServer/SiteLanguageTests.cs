using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Core.Configuration;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>The site's default language: one value in the README, the code, the samples and the deployment.</summary>
public sealed partial class SiteLanguageTests(AzuriteFixture azurite)
{
    private static string Repository => RepositoryRoot.Find();

    [Fact]
    public void Readme_code_local_settings_and_deployment_agree_on_the_default_language()
    {
        var readme = ReadmeDefault().Match(File.ReadAllText(Path.Combine(Repository, "README.md")));
        using var localSettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository, "local.settings.sample.json")));
        using var serverSettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository, "src", "Serverless.LocalServer", "appsettings.json")));
        var bicep = BicepDefault().Match(File.ReadAllText(Path.Combine(Repository, "infra", "main.bicep")));
        var azd = AzdDefault().Match(File.ReadAllText(Path.Combine(Repository, "infra", "main.parameters.json")));

        var code = new SiteOptions().DefaultLanguage;
        Assert.True(readme.Success, "README's settings table has no Site__DefaultLanguage row.");
        Assert.Equal(code, readme.Groups["language"].Value);
        Assert.Equal(code, localSettings.RootElement.GetProperty("Values").GetProperty("Site__DefaultLanguage").GetString());
        Assert.False(serverSettings.RootElement.GetProperty("Site").TryGetProperty("DefaultLanguage", out _), "The local server must not set a language of its own.");
        Assert.Equal(code, bicep.Groups["language"].Value);
        Assert.Equal(code, azd.Groups["language"].Value);
    }

    [Fact]
    public async Task Home_and_error_pages_speak_the_default_language()
    {
        await using var server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with
        {
            SamplesDirectory = null,
            Configuration = settings.Configuration.Where(setting => setting.Key != "Site:DefaultLanguage").ToDictionary(),
        });

        var home = await server.Http.GetStringAsync("/", TestContext.Current.CancellationToken);
        using var missing = await server.Http.GetAsync("/articles/no-such-article", TestContext.Current.CancellationToken);
        var error = await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains($"<html lang=\"{new SiteOptions().DefaultLanguage}\">", home);
        Assert.Contains("Latest articles", home);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", error);
    }

    [GeneratedRegex(@"\|\s*`Site__DefaultLanguage`\s*\|\s*`(?<language>[^`]+)`")]
    private static partial Regex ReadmeDefault();

    [GeneratedRegex(@"param defaultLanguage string = '(?<language>[^']+)'")]
    private static partial Regex BicepDefault();

    [GeneratedRegex(@"\$\{DEFAULT_LANGUAGE=(?<language>[^}]+)\}")]
    private static partial Regex AzdDefault();
}
