using System.Text.Json;

namespace Serverless.IntegrationTests.Infra;

/// <summary>
/// Author sign-in with Microsoft Entra ID on Azure, as the compiled Bicep deploys it: App Service Authentication only
/// when <c>authorSignInClientId</c> is given, readers and key holders let through, no secret, and the app told to trust
/// the signed-in principal exactly when the platform sets it.
/// </summary>
public sealed class AuthorSignInTemplateTests
{
    private static async Task<JsonElement> AuthSettingsAsync() =>
        CompiledTemplate.OfType((await CompiledTemplate.MainAsync()).RootElement, "Microsoft.Web/sites/config")
            .Single(resource => resource.GetProperty("name").GetString()!.Contains("authsettingsV2", StringComparison.Ordinal));

    [Fact]
    public async Task App_service_authentication_is_deployed_only_when_a_client_id_is_given()
    {
        var authSettings = await AuthSettingsAsync();

        Assert.Equal("[not(empty(parameters('authorSignInClientId')))]", authSettings.GetProperty("condition").GetString());
    }

    [Fact]
    public async Task Readers_feeds_webhooks_and_key_holders_are_not_asked_to_sign_in()
    {
        var validation = (await AuthSettingsAsync()).GetProperty("properties").GetProperty("globalValidation");

        Assert.False(validation.GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("AllowAnonymous", validation.GetProperty("unauthenticatedClientAction").GetString());
    }

    [Fact]
    public async Task Sign_ins_are_redeemed_with_the_managed_identity_not_a_stored_secret()
    {
        var registration = (await AuthSettingsAsync()).GetProperty("properties").GetProperty("identityProviders").GetProperty("azureActiveDirectory").GetProperty("registration");
        var settings = await CompiledTemplate.AppSettingsAsync();

        Assert.Equal("OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", registration.GetProperty("clientSecretSettingName").GetString());
        Assert.Equal("[parameters('identityClientId')]", settings["OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID"]);
        Assert.Contains("tenant().tenantId", registration.GetProperty("openIdIssuer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_trusts_the_signed_in_principal_only_where_app_service_authentication_is_deployed()
    {
        var settings = await CompiledTemplate.AppSettingsAsync();

        Assert.Equal("[string(not(empty(parameters('authorSignInClientId'))))]", settings["AuthorSignIn__AppServiceAuthentication"]);
        Assert.Equal("[parameters('authorSignInRole')]", settings["AuthorSignIn__RequiredRole"]);
    }
}
