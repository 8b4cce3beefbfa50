using System.Text.Json;
using Serverless.Core.Configuration;
using Serverless.LocalServer;

namespace Serverless.IntegrationTests.Infra;

/// <summary>infra/README.md and the README describe the template as compiled: names, defaults and outputs.</summary>
public sealed class InfraReadmeTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly string InfraReadme = File.ReadAllText(Path.Combine(Root, "infra", "README.md"));
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));

    [Fact]
    public async Task Every_container_table_and_queue_the_template_creates_is_listed()
    {
        var template = (await CompiledTemplate.MainAsync()).RootElement;
        var variables = template.GetProperty("variables");
        var storage = CompiledTemplate.ResourcesOf(template).Single(resource => resource.GetProperty("name").GetString() == "storage").GetProperty("properties").GetProperty("parameters");
        var storageRow = InfraReadme.Split('\n').Single(line => line.StartsWith("| `modules/storage.bicep`", StringComparison.Ordinal));

        var containers = storage.GetProperty("containerNames").GetProperty("value").EnumerateArray().Select(name => Variable(variables, name.GetString()!)).ToList();
        var tables = variables.GetProperty("tableNames").EnumerateArray().Select(name => name.GetString()!).ToList();
        string[] queues = ["renderQueueName", "siteQueueName", "releaseQueueName", "jobQueueName"];

        Assert.Contains("media", containers);
        Assert.Contains("cards", containers);
        Assert.All(containers.Concat(tables).Concat(queues.Select(name => variables.GetProperty(name).GetString()!)), name => Assert.Contains($"`{name}`", storageRow, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("defaultLanguage")]
    [InlineData("maximumInstanceCount")]
    [InlineData("instanceMemoryMB")]
    [InlineData("enableFrontDoor")]
    [InlineData("enableActivityPub")]
    [InlineData("deployEventSubscription")]
    public async Task Parameter_defaults_are_the_templates(string parameter)
    {
        var template = (await CompiledTemplate.MainAsync()).RootElement;

        var defaultValue = template.GetProperty("parameters").GetProperty(parameter).GetProperty("defaultValue");

        var shown = defaultValue.ValueKind == JsonValueKind.Number ? $"`{parameter}` ({defaultValue.GetRawText()})" : $"`{parameter}` (`{defaultValue.ToString().ToLowerInvariant()}`)";
        Assert.Contains(shown, InfraReadme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_output_is_listed()
    {
        var template = (await CompiledTemplate.MainAsync()).RootElement;

        Assert.All(template.GetProperty("outputs").EnumerateObject(), output => Assert.Contains($"`{output.Name}`", InfraReadme, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_flat_binding_setting_is_documented_in_the_readme_configuration()
    {
        Assert.All(BindingSettings.All, setting => Assert.Contains($"| `{setting.Name}` (or `Storage__{setting.StorageProperty}`)", Readme, StringComparison.Ordinal));
    }

    private static string Variable(JsonElement variables, string expression) =>
        expression.StartsWith("[variables('", StringComparison.Ordinal)
            ? variables.GetProperty(expression["[variables('".Length..expression.IndexOf("')", StringComparison.Ordinal)]).GetString()!
            : expression;
}
