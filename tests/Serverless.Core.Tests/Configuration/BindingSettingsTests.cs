using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;

namespace Serverless.Core.Tests.Configuration;

/// <summary>The flat settings the triggers read name the same containers and queues the core uses.</summary>
public sealed class BindingSettingsTests
{
    private static StorageOptions StorageWith(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Site:PublicBaseUrl"] = "https://news.example.com",
            ["Site:Name"] = "News",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }
        using var provider = new ServiceCollection().AddLogging()
            .AddServerlessCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StorageOptions>>().Value;
    }

    [Fact]
    public void Each_flat_setting_sets_the_name_the_core_uses()
    {
        var storage = StorageWith(
            (BindingSettings.ArticlesContainer, "uploads"), (BindingSettings.RenderQueue, "renders-a"), (BindingSettings.SiteQueue, "site-a"),
            (BindingSettings.ReleaseQueue, "releases-a"), (BindingSettings.JobQueue, "jobs-a"));

        Assert.Equal(
            ["uploads", "renders-a", "site-a", "releases-a", "jobs-a"],
            [storage.ArticlesContainer, storage.RenderQueue, storage.SiteQueue, storage.ReleaseQueue, storage.JobQueue]);
        Assert.Equal("renders-a-poison", storage.RenderPoisonQueue);
    }

    [Fact]
    public void The_nested_storage_setting_still_works_alone()
    {
        var storage = StorageWith(("Storage:RenderQueue", "renders-b"));

        Assert.Equal("renders-b", storage.RenderQueue);
    }

    [Fact]
    public void A_flat_setting_and_its_nested_twin_that_disagree_stop_start_up_naming_both()
    {
        var error = Assert.Throws<OptionsValidationException>(() => StorageWith((BindingSettings.RenderQueue, "renders-a"), ("Storage:RenderQueue", "renders-b")));

        Assert.Contains("'RENDER_QUEUE_NAME' is 'renders-a' but 'Storage:RenderQueue' is 'renders-b'", error.Message);
    }

    [Fact]
    public void A_flat_setting_with_an_invalid_name_is_refused_at_start_up()
    {
        var error = Assert.Throws<OptionsValidationException>(() => StorageWith((BindingSettings.ArticlesContainer, "Bad_Name")));

        Assert.Contains("is 'Bad_Name'", error.Message);
    }
}
