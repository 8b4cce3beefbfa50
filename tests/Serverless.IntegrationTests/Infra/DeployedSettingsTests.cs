using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;
using Serverless.LocalServer;

namespace Serverless.IntegrationTests.Infra;

/// <summary>
/// The app settings the Bicep gives the Function App, read from the ARM JSON that the pinned Bicep CLI compiles: every
/// setting the app needs at start-up is there under the name the code reads, and none holds a key.
/// </summary>
public sealed partial class DeployedSettingsTests
{
    private static readonly Lazy<Task<IReadOnlyDictionary<string, string>>> Settings = new(CompileAppSettingsAsync);

    [Fact]
    public async Task Every_setting_the_app_validates_at_start_up_is_deployed()
    {
        var settings = await Settings.Value;
        // Deployed values are ARM expressions: stand-ins of the right shape stand for them here.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Keys.ToDictionary(
            name => name.Replace("__", ":", StringComparison.Ordinal),
            name => (string?)(name.EndsWith("Uri", StringComparison.Ordinal) || name.EndsWith("PublicBaseUrl", StringComparison.Ordinal) ? "https://example.org/" : "value1"))).Build();
        await using var services = new ServiceCollection().AddLogging().AddServerlessCore(configuration).BuildServiceProvider();

        var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.NotNull(site);
        Assert.NotNull(storage);
        Assert.NotNull(services.GetRequiredService<Serverless.Core.Storage.StorageClients>());
    }

    [Fact]
    public async Task Every_binding_expression_of_the_functions_has_its_setting()
    {
        var settings = await Settings.Value;
        var metadata = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"));

        var expressions = BindingExpression().Matches(metadata).Select(match => match.Groups["name"].Value).Distinct().ToList();

        Assert.Contains("Storage:RenderQueue", expressions);
        Assert.All(expressions, name => Assert.Contains(name.Replace(":", "__", StringComparison.Ordinal), settings.Keys));
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

    [GeneratedRegex("%(?<name>[A-Za-z0-9_:]+)%")]
    private static partial Regex BindingExpression();

    private static string Literal(string value) => value.StartsWith('[') ? throw new InvalidOperationException($"'{value}' is an expression") : value;

    /// <summary>Compiles infra/main.bicep with the CLI pinned in infra/tools (restored from NuGet) and reads the Function App's settings.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> CompileAppSettingsAsync()
    {
        var root = RepositoryRoot.Find();
        var project = Path.Combine(root, "infra", "tools", "BicepCli.proj");
        await RunAsync("dotnet", ["restore", project, "--verbosity", "quiet"]);
        var bicep = (await RunAsync("dotnet", ["msbuild", project, "-nologo", "-getProperty:BicepCliPath"])).Trim();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }
        using var template = JsonDocument.Parse(await RunAsync(bicep, ["build", Path.Combine(root, "infra", "main.bicep"), "--stdout"]));

        // "resources" is an array, or an object keyed by symbolic name when the template uses language version 2.
        var resources = template.RootElement.GetProperty("resources");
        var functionApp = (resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray() : resources.EnumerateObject().Select(resource => resource.Value))
            .Single(resource => resource.TryGetProperty("name", out var name) && name.GetString() == "function-app");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in functionApp.GetProperty("properties").GetProperty("template").GetProperty("variables").GetProperty("platformSettings").EnumerateObject())
        {
            settings[setting.Name] = setting.Value.ToString();
        }
        foreach (var setting in functionApp.GetProperty("properties").GetProperty("parameters").GetProperty("siteSettings").GetProperty("value").EnumerateObject())
        {
            settings[setting.Name] = setting.Value.ToString();
        }
        return settings;
    }

    private static async Task<string> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await error}");
    }
}
