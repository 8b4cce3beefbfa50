using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Functions.Telemetry;

namespace Serverless.IntegrationTests.Functions;

/// <summary>The worker exports telemetry only where Application Insights is configured, sampled, and with the Azure SDK spans an operator needs.</summary>
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

    private static readonly (string Key, string Value)[] ApplicationInsights =
    [
        (TelemetryExtensions.ConnectionStringSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/"),
        (TelemetryExtensions.ClientIdSetting, "11111111-1111-1111-1111-111111111111"),
    ];

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    public void The_tracer_samples_at_the_configured_ratio(string ratio, bool recorded)
    {
        using var services = Build([.. ApplicationInsights, ("Telemetry:SamplingRatio", ratio), ("Telemetry:AzureSdkSpans", "All")]);
        _ = services.GetRequiredService<TracerProvider>();
        using var source = new ActivitySource("Azure.Storage.Blobs.SamplingTest");

        using var activity = source.StartActivity("BlobClient.Download");

        Assert.Equal(recorded, activity?.Recorded ?? false);
    }

    [Fact]
    public void The_default_ratio_keeps_one_trace_in_ten()
    {
        using var services = Build(ApplicationInsights);

        Assert.Equal(0.1f, services.GetRequiredService<IOptions<TelemetryOptions>>().Value.SamplingRatio);
    }

    [Fact]
    public void A_ratio_outside_zero_to_one_stops_start_up()
    {
        using var services = Build([.. ApplicationInsights, ("Telemetry:SamplingRatio", "2")]);

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TelemetryOptions>>().Value);
    }

    [Theory]
    [InlineData("Azure.Storage.Blobs.BlobClient", ActivityStatusCode.Ok, false)]
    [InlineData("Azure.Storage.Blobs.BlobClient", ActivityStatusCode.Unset, false)]
    [InlineData("Azure.Storage.Blobs.BlobClient", ActivityStatusCode.Error, true)]
    [InlineData("Serverless.Publishing", ActivityStatusCode.Ok, true)]
    public void Only_failed_azure_sdk_spans_stay_recorded_for_the_exporter(string sourceName, ActivityStatusCode status, bool recorded)
    {
        using var source = new ActivitySource(sourceName + ".FilterTest");
        using var listener = new ActivityListener
        {
            ShouldListenTo = candidate => candidate == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var activity = source.StartActivity("Request")!;
        activity.SetStatus(status);
        activity.Stop();

        new FailedAzureSdkSpanFilter().OnEnd(activity);

        Assert.Equal(recorded, activity.Recorded);
    }
}
