using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;

namespace Serverless.Core.Tests.Configuration;

/// <summary>A missing or malformed setting stops the app at start-up with a message naming it.</summary>
public sealed class StartupValidationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["Site:PublicBaseUrl"] = "https://news.example.com",
        ["Site:Name"] = "News",
    };

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddServerlessCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> ValidWith(string key, string? value) => new(Valid) { [key] = value };

    [Fact]
    public void Valid_settings_resolve()
    {
        using var provider = Build(Valid);

        Assert.Equal("https://news.example.com", provider.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl);
    }

    [Theory]
    [InlineData("Site:PublicBaseUrl", null, "'Site:PublicBaseUrl' (environment variable Site__PublicBaseUrl) is missing")]
    [InlineData("Site:PublicBaseUrl", "news.example.com", "must be an absolute http or https URL")]
    [InlineData("Site:PublicBaseUrl", "ftp://news.example.com", "must be an absolute http or https URL")]
    [InlineData("Site:Name", null, "'Site:Name' (environment variable Site__Name) is missing")]
    [InlineData("Site:XHandle", "@not a handle", "'Site:XHandle' is '@not a handle'")]
    [InlineData("Site:CacheSeconds", "-1", "'Site:CacheSeconds' is -1")]
    [InlineData("Site:MaxArticleBytes", "100", "'Site:MaxArticleBytes' is 100: use 1024 (1 KiB) to 16777216 (16 MiB) bytes")]
    [InlineData("Storage:ArticlesContainer", "Articles_Upper", "'Storage:ArticlesContainer' is 'Articles_Upper'")]
    [InlineData("Storage:SourcesTable", "1table", "'Storage:SourcesTable' is '1table'")]
    [InlineData("Storage:SiteContainer", "site--files", "'Storage:SiteContainer' is 'site--files'")]
    [InlineData("Storage:ArticlesByTagTable", "by-tag", "'Storage:ArticlesByTagTable' is 'by-tag'")]
    public void Invalid_setting_is_named_in_the_start_up_error(string key, string? value, string message)
    {
        using var provider = Build(ValidWith(key, value));

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = provider.GetRequiredService<IOptions<SiteOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        });
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Showing_replies_without_activitypub_on_is_named_in_the_start_up_error()
    {
        using var provider = Build(ValidWith("ActivityPub:ShowReplies", "true"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Serverless.Core.ActivityPub.ActivityPubOptions>>().Value);
        Assert.Contains("ActivityPub:ShowReplies (ActivityPub__ShowReplies) needs ActivityPub on", error.Message);
    }

    [Fact]
    public void Entra_id_sign_in_without_the_authors_role_is_named_in_the_start_up_error()
    {
        var settings = ValidWith("AuthorSignIn:AppServiceAuthentication", "true");
        settings["AuthorSignIn:RequiredRole"] = " ";
        using var provider = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuthorSignInOptions>>().Value);

        Assert.Contains("'AuthorSignIn:RequiredRole' (environment variable AuthorSignIn__RequiredRole) is empty", error.Message);
    }

    [Fact]
    public void Missing_storage_connection_is_named_when_services_are_registered()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(ValidWith("AzureWebJobsStorage", null)));

        Assert.Contains("Setting 'AzureWebJobsStorage' is missing", error.Message);
    }

    [Fact]
    public void Managed_identity_settings_are_accepted_instead_of_a_connection_string()
    {
        var settings = ValidWith("AzureWebJobsStorage", null);
        settings["AzureWebJobsStorage:accountName"] = "serverlessnews";

        using var provider = Build(settings);

        var tables = provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>();
        Assert.Equal("https://serverlessnews.table.core.windows.net/", tables.Uri.ToString());
    }
}
