using System.Text;
using System.Text.Json;
using Serverless.Core.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The author pages on Azure for authors signed in with Microsoft Entra ID: App Service Authentication signs them in and
/// passes the principal (X-MS-CLIENT-PRINCIPAL); the pages let through only one holding the authors' app role, and
/// trust the header only where App Service Authentication is on (it strips the header from what clients send).
/// </summary>
public sealed class SignedInAuthorPagesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AuthorRole = "Serverless.Author";
    private TestSite _site = null!;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _site = new TestSite(azurite, new Dictionary<string, string?> { ["AuthorSignIn:AppServiceAuthentication"] = "true" });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    /// <summary>The header App Service Authentication sets for an Entra ID sign-in: base64 JSON of the token's claims.</summary>
    private static (string, string) Principal(string name, params string[] roles) => (AppServicePrincipal.Header, Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "name",
        role_typ = "roles",
        claims = roles.Select(role => new { typ = "roles", val = role }).Prepend(new { typ = "name", val = name }),
    }))));

    private static async Task<HttpResponseSnapshot> DashboardAsync(TestSite site, params (string, string)[] headers)
    {
        var context = site.NewHttpContext("/" + Routes.FunctionsSignedInAuthorPages + "/", headers);
        return await HttpResponseSnapshot.ExecuteAsync(await site.SignedInAuthorPages.SignedInDashboard(context.Request, Cancellation), context);
    }

    [Fact]
    public async Task An_author_holding_the_role_sees_the_dashboard_with_a_link_to_sign_out()
    {
        await _site.PublishAsync("published.md", Samples.FrontMatterArticle("Out in the open", extra: "slug: out-in-the-open"));

        var page = await DashboardAsync(_site, Principal("Ada Reporter", "Reader", AuthorRole));

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("published.md", page.Body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/.auth/logout\">Sign out</a>", page.Body, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_author_reaches_the_page_preview_the_dashboard_links_to()
    {
        await _site.UploadAsync("draft.md", Samples.FrontMatterArticle("Still a draft", extra: "draft: true"));

        var context = _site.NewHttpContext("/" + Routes.FunctionsSignedInAuthorPages + "/preview?blob=draft.md", Principal("Ada Reporter", AuthorRole));
        var page = await HttpResponseSnapshot.ExecuteAsync(await _site.SignedInAuthorPages.SignedInPagePreview(context.Request, Cancellation), context);

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("Still a draft", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_signed_in_without_the_authors_role_is_refused_and_told_who_grants_it()
    {
        var page = await DashboardAsync(_site, Principal("Guest Visitor", "Reader"));

        Assert.Equal(403, page.StatusCode);
        Assert.Contains("Guest Visitor is signed in but does not hold the 'Serverless.Author' app role", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("published", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_that_has_not_signed_in_is_sent_to_sign_in_and_brought_back()
    {
        var page = await DashboardAsync(_site, ("Accept", "text/html,application/xhtml+xml"));

        Assert.Equal(302, page.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Fadmin%2Fsigned-in%2F", page.Headers.Location.ToString());
    }

    [Fact]
    public async Task A_script_that_has_not_signed_in_gets_401()
    {
        var page = await DashboardAsync(_site);

        Assert.Equal(401, page.StatusCode);
        Assert.Empty(page.Body);
    }

    /// <summary>Without App Service Authentication nothing strips the header, so a principal in it proves nothing.</summary>
    [Fact]
    public async Task Without_app_service_authentication_a_principal_in_the_request_is_not_trusted()
    {
        await using var site = new TestSite(azurite);

        var page = await DashboardAsync(site, Principal("Forger", AuthorRole), ("Accept", "text/html"));

        Assert.Equal(401, page.StatusCode);
        Assert.Empty(page.Body);
    }
}
