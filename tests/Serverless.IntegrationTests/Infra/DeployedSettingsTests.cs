using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;

namespace Serverless.IntegrationTests.Infra;

/// <summary>
/// The app settings the Bicep gives the Function App, read from the ARM JSON that the pinned Bicep CLI compiles: every
/// setting the app needs at start-up is there under the name the code reads, and none holds a key.
/// </summary>
public sealed partial class DeployedSettingsTests
{
    private static readonly Lazy<Task<IReadOnlyDictionary<string, string>>> Settings = new(CompiledTemplate.AppSettingsAsync);

    [Fact]
    public async Task Every_setting_the_app_validates_at_start_up_is_deployed()
    {
        var settings = await Settings.Value;
        // Deployed values are ARM expressions: stand-ins of the right shape stand for them here.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Keys.ToDictionary(
            name => name.Replace("__", ":", StringComparison.Ordinal),
            name => (string?)(name.EndsWith("Uri", StringComparison.Ordinal) || name.EndsWith("PublicBaseUrl", StringComparison.Ordinal) ? "https://example.org/"
                : name.EndsWith("AppServiceAuthentication", StringComparison.Ordinal) ? "True" : "value1"))).Build();
        await using var services = new ServiceCollection().AddLogging().AddServerlessCore(configuration).BuildServiceProvider();

        var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.NotNull(site);
        Assert.NotNull(storage);
        Assert.NotNull(services.GetRequiredService<IOptions<AuthorSignInOptions>>().Value);
        Assert.NotNull(services.GetRequiredService<Serverless.Core.Storage.StorageClients>());
    }

    [Fact]
    public async Task Every_binding_expression_of_the_functions_has_its_setting()
    {
        var settings = await Settings.Value;

        var expressions = BindingExpressions();

        Assert.Contains(BindingSettings.RenderQueue, expressions);
        Assert.All(expressions, name => Assert.Contains(name, settings.Keys));
    }

    /// <summary>
    /// The scale controller reads the binding expressions from the app settings to watch the queues of an app at zero, and
    /// has failed on nested names (azure-functions-dotnet-worker#849, azure-functions-host#8665): a render message would
    /// wait for something else to wake the app.
    /// </summary>
    [Fact]
    public void Every_binding_expression_names_a_flat_setting()
    {
        var expressions = BindingExpressions();

        Assert.NotEmpty(expressions);
        Assert.All(expressions, name =>
        {
            Assert.DoesNotContain(":", name, StringComparison.Ordinal);
            Assert.DoesNotContain("__", name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Every_flat_binding_setting_is_deployed_with_the_name_the_template_creates()
    {
        var settings = await Settings.Value;

        Assert.All(BindingSettings.All, setting => Assert.Contains(setting.Name, settings.Keys));
        Assert.Equal("[variables('renderQueueName')]", settings[BindingSettings.RenderQueue]);
        Assert.Equal("[variables('articlesContainerName')]", settings[BindingSettings.ArticlesContainer]);
        Assert.DoesNotContain(settings.Keys, name => name.StartsWith("Storage__", StringComparison.Ordinal) && BindingSettings.All.Any(setting => name == "Storage__" + setting.StorageProperty));
    }

    [Fact]
    public async Task Storage_is_reached_with_the_managed_identity_and_no_setting_holds_a_key()
    {
        var settings = await Settings.Value;

        Assert.Equal("managedidentity", Literal(settings["AzureWebJobsStorage__credential"]));
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.All(settings, setting =>
        {
            Assert.DoesNotContain("AccountKey=", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys(", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listConnectionStrings(", setting.Value, StringComparison.OrdinalIgnoreCase);
        });
        // The one connection string is Application Insights': it names the resource and grants nothing, since
        // telemetry authenticates with the identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
        Assert.Equal(["APPLICATIONINSIGHTS_CONNECTION_STRING"], settings.Keys.Where(name => name.Contains("CONNECTION", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
    }

    private static List<string> BindingExpressions() =>
        BindingExpression().Matches(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))
            .Select(match => match.Groups["name"].Value).Distinct().ToList();

    [GeneratedRegex("%(?<name>[A-Za-z0-9_:.-]+)%")]
    private static partial Regex BindingExpression();

    private static string Literal(string value) => value.StartsWith('[') ? throw new InvalidOperationException($"'{value}' is an expression") : value;
}
