using System.Text.Json;
using Serverless.LocalServer;

namespace Serverless.IntegrationTests.Infra;

/// <summary>
/// infra/main.bicep compiled to ARM JSON by the Bicep CLI pinned in infra/tools (restored from NuGet), once per test run:
/// what the tests read instead of a deployment, which cannot run here.
/// </summary>
public static class CompiledTemplate
{
    private static readonly Lazy<Task<JsonDocument>> Template = new(CompileAsync);

    public static Task<JsonDocument> MainAsync() => Template.Value;

    /// <summary>Every resource of the template and of its nested module deployments, however deep.</summary>
    public static IEnumerable<JsonElement> AllResources(JsonElement template)
    {
        foreach (var resource in ResourcesOf(template))
        {
            yield return resource;
            if (resource.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("template", out var nested))
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The template and every nested module template, however deep.</summary>
    public static IEnumerable<JsonElement> AllTemplates(JsonElement template)
    {
        yield return template;
        foreach (var resource in ResourcesOf(template))
        {
            if (resource.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("template", out var nested))
            {
                foreach (var inner in AllTemplates(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A template's own resources: an array, or an object keyed by symbolic name (language version 2).</summary>
    public static IEnumerable<JsonElement> ResourcesOf(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            return [];
        }
        return resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray() : resources.EnumerateObject().Select(resource => resource.Value);
    }

    public static IEnumerable<JsonElement> OfType(JsonElement template, string type) =>
        AllResources(template).Where(resource => string.Equals(resource.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The Function App's settings: the module's platform settings and the site settings main.bicep passes it.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> AppSettingsAsync()
    {
        var template = (await MainAsync()).RootElement;
        var functionApp = ResourcesOf(template).Single(resource => resource.TryGetProperty("name", out var name) && name.GetString() == "function-app");
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

    private static async Task<JsonDocument> CompileAsync()
    {
        var root = RepositoryRoot.Find();
        var project = Path.Combine(root, "infra", "tools", "BicepCli.proj");
        await ProcessRunner.RunAsync("dotnet", ["restore", project, "--verbosity", "quiet"]);
        var bicep = (await ProcessRunner.RunAsync("dotnet", ["msbuild", project, "-nologo", "-getProperty:BicepCliPath"])).Trim();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }
        return JsonDocument.Parse(await ProcessRunner.RunAsync(bicep, ["build", Path.Combine(root, "infra", "main.bicep"), "--stdout"]));
    }
}
