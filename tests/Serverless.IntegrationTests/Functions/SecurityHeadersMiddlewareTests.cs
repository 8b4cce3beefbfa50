using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>The Functions app's answers carry the security headers; a page keeps its own Content-Security-Policy.</summary>
public sealed class SecurityHeadersMiddlewareTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Api_answer_gets_nosniff_referrer_policy_and_the_default_policy()
    {
        var http = _site.NewHttpContext("/api/articles");

        await new SecurityHeadersMiddleware().Invoke(new HttpFunctionContext(http), async _ =>
            await (await new ApiFunctions(_site.Get<ApiHandlers>()).ListArticles(http.Request, TestContext.Current.CancellationToken)).ExecuteAsync(http));

        Assert.Equal(("nosniff", "strict-origin-when-cross-origin", SecurityHeaders.DefaultContentSecurityPolicy),
            (http.Response.Headers.XContentTypeOptions.ToString(), http.Response.Headers["Referrer-Policy"].ToString(), http.Response.Headers.ContentSecurityPolicy.ToString()));
    }

    [Fact]
    public async Task Page_keeps_its_own_content_security_policy()
    {
        var http = _site.NewHttpContext("/");

        await new SecurityHeadersMiddleware().Invoke(new HttpFunctionContext(http), async _ =>
            await (await new PageFunctions(_site.Get<PageHandlers>()).GetIndexPage(http.Request, TestContext.Current.CancellationToken)).ExecuteAsync(http));

        Assert.Equal(Serverless.Core.Rendering.SiteLayout.ContentSecurityPolicy, http.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("nosniff", http.Response.Headers.XContentTypeOptions.ToString());
    }

    /// <summary>The invocation context of an HTTP function, as the ASP.NET Core integration fills it (its HttpContext in Items).</summary>
    private sealed class HttpFunctionContext(HttpContext http) : FunctionContext
    {
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override string InvocationId => "test";
        public override string FunctionId => "test";
        public override TraceContext TraceContext => throw new NotSupportedException();
        public override BindingContext BindingContext => throw new NotSupportedException();
        public override RetryContext RetryContext => throw new NotSupportedException();
        public override IServiceProvider InstanceServices { get; set; } = null!;
        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
