using System.Text.Json;

namespace Serverless.IntegrationTests.Infra;

/// <summary>
/// The rules of what Flex Consumption accepts, checked on the compiled template because nothing here can deploy it.
/// Each rule names its source; infra/README.md lists them.
/// </summary>
public sealed partial class DeployedSettingsTests
{
    /// <summary>
    /// ARM BadRequest 51021, "The following list of site configuration properties (Site.SiteConfig.FtpsState,
    /// Site.SiteConfig.Use32BitWorkerProcess, Site.SiteConfig.NetFrameworkVersion,
    /// Site.SiteConfig.FunctionsRuntimeScaleMonitoringEnabled) for Flex Consumption sites is invalid"
    /// (microsoft/azure-pipelines-tasks#21032, Azure/azure-cli#31414); LinuxFxVersion likewise
    /// (Azure/terraform-azurerm-avm-res-web-site#345, which also leaves out alwaysOn and windowsFxVersion).
    /// </summary>
    private static readonly string[] RejectedSiteProperties =
        ["ftpsState", "use32BitWorkerProcess", "netFrameworkVersion", "functionsRuntimeScaleMonitoringEnabled", "linuxFxVersion", "windowsFxVersion", "alwaysOn"];

    /// <summary>
    /// "Flex Consumption plan deprecations", learn.microsoft.com/azure/azure-functions/functions-app-settings: the runtime
    /// and the package come from functionAppConfig; there is no content share.
    /// </summary>
    private static readonly string[] RejectedAppSettings =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
        "WEBSITE_USE_PLACEHOLDER_DOTNETISOLATED", "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD", "WEBSITE_TIME_ZONE", "TZ",
    ];

    /// <summary>WEBSITE_CONTENTAZUREFILECONNECTIONSTRING, WEBSITE_CONTENTSHARE, WEBSITE_CONTENTOVERVNET: same source.</summary>
    private const string RejectedAppSettingPrefix = "WEBSITE_CONTENT";

    /// <summary>learn.microsoft.com/azure/azure-functions/event-driven-scaling#flex-consumption-plan; Azure/Azure-Functions#2650.</summary>
    private const int LowestMaximumInstanceCount = 40;

    [Fact]
    public async Task The_site_sets_no_configuration_property_flex_consumption_rejects()
    {
        var sites = await SitesAsync();

        Assert.NotEmpty(sites);
        Assert.All(sites, site =>
        {
            var siteConfig = site.GetProperty("properties").GetProperty("siteConfig");
            var names = siteConfig.EnumerateObject().Select(property => property.Name).ToList();
            Assert.Empty(names.Intersect(RejectedSiteProperties, StringComparer.OrdinalIgnoreCase));
        });
    }

    [Fact]
    public async Task No_app_setting_is_one_flex_consumption_rejects()
    {
        var settings = await Settings.Value;

        Assert.Empty(settings.Keys.Intersect(RejectedAppSettings, StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain(settings.Keys, name => name.StartsWith(RejectedAppSettingPrefix, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_runtime_is_dotnet_isolated_10_in_function_app_config()
    {
        var sites = await SitesAsync();

        var runtime = Assert.Single(sites).GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal("10.0", runtime.GetProperty("version").GetString());
    }

    /// <summary>Every template that takes the count (main and the module) refuses less than the platform's floor.</summary>
    [Fact]
    public async Task Maximum_instance_count_cannot_go_below_the_documented_floor_of_40()
    {
        var template = (await CompiledTemplate.MainAsync()).RootElement;

        var parameters = CompiledTemplate.AllTemplates(template)
            .Where(inner => inner.TryGetProperty("parameters", out var declared) && declared.TryGetProperty("maximumInstanceCount", out _))
            .Select(inner => inner.GetProperty("parameters").GetProperty("maximumInstanceCount")).ToList();

        Assert.Equal(2, parameters.Count);
        Assert.All(parameters, parameter =>
        {
            Assert.True(parameter.GetProperty("minValue").GetInt32() >= LowestMaximumInstanceCount);
            if (parameter.TryGetProperty("defaultValue", out var defaultValue))
            {
                Assert.True(defaultValue.GetInt32() >= LowestMaximumInstanceCount);
            }
        });
        var scale = Assert.Single(await SitesAsync()).GetProperty("properties").GetProperty("functionAppConfig").GetProperty("scaleAndConcurrency");
        Assert.Equal("[parameters('maximumInstanceCount')]", scale.GetProperty("maximumInstanceCount").GetString());
    }

    /// <summary>
    /// An assignment's principal cannot change: seeded with the identity's resource ID, an identity recreated under the
    /// same name would hit the old assignment's name with a new principal and fail. The official quickstart seeds with
    /// the principal ID (Azure-Samples/functions-quickstart-dotnet-azd, infra/app/rbac.bicep).
    /// </summary>
    [Fact]
    public async Task Role_assignment_names_are_seeded_with_the_principal_id_they_grant()
    {
        var template = (await CompiledTemplate.MainAsync()).RootElement;

        var assignments = CompiledTemplate.OfType(template, "Microsoft.Authorization/roleAssignments").ToList();

        Assert.NotEmpty(assignments);
        Assert.All(assignments, assignment =>
        {
            var principal = assignment.GetProperty("properties").GetProperty("principalId").GetString()!;
            Assert.Equal("[parameters('principalId')]", principal);
            Assert.Contains("parameters('principalId')", assignment.GetProperty("name").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("identityId", assignment.GetProperty("name").GetString(), StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// With a single origin Front Door routes to it whatever its health; probes from every edge would be billed executions
    /// that keep the app from scaling to zero (learn.microsoft.com/azure/frontdoor/health-probes#disabling-health-probes).
    /// </summary>
    [Fact]
    public async Task Front_door_does_not_probe_its_single_origin()
    {
        var template = (await CompiledTemplate.MainAsync()).RootElement;

        var group = Assert.Single(CompiledTemplate.OfType(template, "Microsoft.Cdn/profiles/originGroups"));

        Assert.Single(CompiledTemplate.OfType(template, "Microsoft.Cdn/profiles/originGroups/origins"));
        Assert.True(!group.GetProperty("properties").TryGetProperty("healthProbeSettings", out var probe) || probe.ValueKind == JsonValueKind.Null);
    }

    private static async Task<List<JsonElement>> SitesAsync()
    {
        var template = (await CompiledTemplate.MainAsync()).RootElement;
        return CompiledTemplate.OfType(template, "Microsoft.Web/sites").Where(site => !site.TryGetProperty("existing", out _)).ToList();
    }
}
