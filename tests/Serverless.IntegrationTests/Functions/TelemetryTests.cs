using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Functions.Telemetry;

namespace Serverless.IntegrationTests.Functions;

/// <summary>The worker exports telemetry only where Application Insights is configured.</summary>
public sealed class TelemetryTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(setting => setting.Key, setting => (string?)setting.Value)).Build();
        return new ServiceCollection().AddLogging().AddServerlessTelemetry(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Without_a_connection_string_nothing_is_registered()
    {
        using var services = Build();

        Assert.Null(services.GetService<MeterProvider>());
        Assert.Null(services.GetService<TracerProvider>());
    }

    [Fact]
    public void With_a_connection_string_traces_and_metrics_are_exported()
    {
        using var services = Build(
            (TelemetryExtensions.ConnectionStringSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/"),
            (TelemetryExtensions.ClientIdSetting, "11111111-1111-1111-1111-111111111111"));

        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<TracerProvider>());
    }
}
