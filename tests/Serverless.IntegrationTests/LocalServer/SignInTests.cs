using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Hosting;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// Signing in from a browser without the key in any URL: the form takes the key and sets an HttpOnly, SameSite=Strict
/// session cookie that opens the author pages; a change made with the cookie must carry the session's CSRF token; a
/// post from another site, a wrong key or a forged cookie get nothing.
/// </summary>
public sealed partial class SignInTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningLocalServer _server = null!;
    private HttpClient _browser = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with { SamplesDirectory = null, ReconcileInterval = TimeSpan.FromHours(1) });
        // A browser that shows redirects rather than following them, and sends only the cookies a test gives it.
        _browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _server.Http.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SignInAsync(string key, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["return"] = "/admin/share-preview?blob=known.md" }),
        };
        request.Headers.Add("Origin", origin ?? _server.Http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return await _browser.SendAsync(request, Cancellation);
    }

    /// <summary>The session cookie as the browser sends it back ("name=value").</summary>
    private async Task<string> SessionCookieAsync()
    {
        using var response = await SignInAsync(_server.AdminKey);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private async Task<HttpResponseMessage> SendWithCookieAsync(HttpMethod method, string path, string cookie, string? csrf = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Accept", "text/html");
        if (csrf is not null)
        {
            request.Headers.Add(AdminSessions.CsrfHeader, csrf);
        }
        return await _browser.SendAsync(request, Cancellation);
    }

    [Fact]
    public async Task The_form_is_open_to_all_and_asks_for_the_key_in_a_password_field()
    {
        using var response = await _browser.GetAsync("/admin/sign-in", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("<input type=\"password\" id=\"key\" name=\"key\"", html, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_key_sets_an_httponly_samesite_strict_cookie_and_goes_back_to_the_page()
    {
        using var response = await SignInAsync(_server.AdminKey);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/share-preview?blob=known.md", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant();
        Assert.StartsWith(AdminSessions.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.AdminKey.ToLowerInvariant(), cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cookie_opens_the_author_pages()
    {
        await _server.UploadAsync("known.md", Samples.FrontMatterArticle("Known", extra: "slug: known"));
        var cookie = await SessionCookieAsync();

        using var page = await SendWithCookieAsync(HttpMethod.Get, "/admin/share-preview?blob=known.md", cookie);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sign out", await page.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_shows_the_form_again_and_sets_no_cookie()
    {
        using var response = await SignInAsync(_server.AdminKey + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("That is not the admin key.", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("http://localhost.evil.example")]
    public async Task A_sign_in_posted_from_another_site_is_refused(string origin)
    {
        using var response = await SignInAsync(_server.AdminKey, origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_change_made_with_the_cookie_needs_the_sessions_csrf_token()
    {
        await _server.UploadAsync("known.md", Samples.FrontMatterArticle("Known", extra: "slug: known"));
        var cookie = await SessionCookieAsync();
        using var page = await SendWithCookieAsync(HttpMethod.Get, "/admin/share-preview?blob=known.md", cookie);
        var csrf = CsrfField().Match(await page.Content.ReadAsStringAsync(Cancellation)).Groups[1].Value;

        using var without = await SendWithCookieAsync(HttpMethod.Post, "/api/admin/republish", cookie);
        using var wrong = await SendWithCookieAsync(HttpMethod.Post, "/api/admin/republish", cookie, csrf: "not-the-token");
        using var with = await SendWithCookieAsync(HttpMethod.Post, "/api/admin/republish", cookie, csrf);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Accepted), (without.StatusCode, wrong.StatusCode, with.StatusCode));
    }

    /// <summary>Every request that can change something: the admin API's posts, the webhook's handshake, signing out, and any method but GET and HEAD, routed or not.</summary>
    public static TheoryData<string, string> StateChangingRequests => new()
    {
        { "POST", "/api/admin/republish" },
        { "POST", "/api/admin/events/blobs" },
        { "OPTIONS", "/api/admin/events/blobs" },
        { "POST", "/admin/sign-out" },
        { "DELETE", "/api/admin/sources" },
        { "PUT", "/admin/share-preview?blob=known.md" },
        { "POST", "/api/admin/no-such-route" },
    };

    [Theory]
    [MemberData(nameof(StateChangingRequests))]
    public async Task Every_state_changing_request_with_the_cookie_and_without_the_token_is_refused(string method, string path)
    {
        var cookie = await SessionCookieAsync();

        using var without = await SendWithCookieAsync(new HttpMethod(method), path, cookie);
        using var wrong = await SendWithCookieAsync(new HttpMethod(method), path, cookie, csrf: "not-the-token");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (without.StatusCode, wrong.StatusCode));
        Assert.False(without.Headers.Contains("Set-Cookie"), "a refused sign-out must not clear the cookie");
    }

    [Fact]
    public async Task A_token_of_another_session_is_refused()
    {
        var cookie = await SessionCookieAsync();
        var other = await SessionCookieAsync();
        await _server.UploadAsync("known.md", Samples.FrontMatterArticle("Known", extra: "slug: known"));
        using var page = await SendWithCookieAsync(HttpMethod.Get, "/admin/share-preview?blob=known.md", other);
        var otherToken = CsrfField().Match(await page.Content.ReadAsStringAsync(Cancellation)).Groups[1].Value;

        using var response = await SendWithCookieAsync(HttpMethod.Post, "/api/admin/republish", cookie, otherToken);

        Assert.NotEmpty(otherToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public void The_cookie_is_secure_when_signed_in_over_https(string scheme, bool secure)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Scheme = scheme;

        _server.App.Services.GetRequiredService<AdminSessions>().SignIn(context);

        var cookie = context.Response.Headers.SetCookie.ToString().ToLowerInvariant();
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_out_needs_the_token_and_clears_the_cookie()
    {
        await _server.UploadAsync("known.md", Samples.FrontMatterArticle("Known", extra: "slug: known"));
        var cookie = await SessionCookieAsync();
        using var page = await SendWithCookieAsync(HttpMethod.Get, "/admin/share-preview?blob=known.md", cookie);
        var csrf = CsrfField().Match(await page.Content.ReadAsStringAsync(Cancellation)).Groups[1].Value;

        using var signOut = await SendWithCookieAsync(HttpMethod.Post, "/admin/sign-out", cookie, csrf);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", signOut.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("serverless-admin=forged.value")]
    [InlineData("serverless-admin=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_forged_cookie_gets_the_same_401_page_at_a_real_and_an_unknown_path(string cookie)
    {
        using var real = await SendWithCookieAsync(HttpMethod.Get, "/admin/share-preview?blob=known.md", cookie);
        using var unknown = await SendWithCookieAsync(HttpMethod.Get, "/admin/no-such-page", cookie);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (real.StatusCode, unknown.StatusCode));
        var body = await real.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal(body, await unknown.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("href=\"/admin/sign-in\"", body, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
