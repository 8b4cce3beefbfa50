using Microsoft.Extensions.Configuration;

namespace Serverless.Core.Configuration;

/// <summary>
/// The app settings the trigger bindings read (<c>%NAME%</c>), each bound to the <see cref="StorageOptions"/> property the
/// core reads, so that a trigger and the code that feeds it name the same container or queue. Flat names, without
/// <c>:</c> or <c>__</c>: the Flex Consumption scale controller reads binding expressions from the app settings itself,
/// and has failed to resolve nested names (azure-functions-dotnet-worker#849, azure-functions-host#8665), leaving a queue
/// unwatched until something else wakes the app.
/// </summary>
public static class BindingSettings
{
    public const string ArticlesContainer = "ARTICLES_CONTAINER_NAME";
    public const string RenderQueue = "RENDER_QUEUE_NAME";
    public const string SiteQueue = "SITE_QUEUE_NAME";
    public const string ReleaseQueue = "RELEASE_QUEUE_NAME";
    public const string JobQueue = "JOB_QUEUE_NAME";
    public const string DeliveryQueue = "DELIVERY_QUEUE_NAME";

    /// <summary>Each flat setting with the <c>Storage</c> property it sets.</summary>
    public static IReadOnlyList<BindingSetting> All { get; } =
    [
        new(ArticlesContainer, nameof(StorageOptions.ArticlesContainer), (options, value) => options.ArticlesContainer = value),
        new(RenderQueue, nameof(StorageOptions.RenderQueue), (options, value) => options.RenderQueue = value),
        new(SiteQueue, nameof(StorageOptions.SiteQueue), (options, value) => options.SiteQueue = value),
        new(ReleaseQueue, nameof(StorageOptions.ReleaseQueue), (options, value) => options.ReleaseQueue = value),
        new(JobQueue, nameof(StorageOptions.JobQueue), (options, value) => options.JobQueue = value),
        new(DeliveryQueue, nameof(StorageOptions.DeliveryQueue), (options, value) => options.DeliveryQueue = value),
    ];

    /// <summary>A flat setting, when set, is the name: the trigger reads it, so the core must too.</summary>
    public static void Apply(StorageOptions options, IConfiguration configuration)
    {
        foreach (var setting in All)
        {
            if (configuration[setting.Name] is { Length: > 0 } value)
            {
                setting.Set(options, value);
            }
        }
    }
}
