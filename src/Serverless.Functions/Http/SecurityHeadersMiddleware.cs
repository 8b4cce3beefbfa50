using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>
/// Gives every HTTP function's answer the security headers (<see cref="SecurityHeaders"/>), set before the handler
/// runs so that a page's own Content-Security-Policy replaces the default one. Paths no function matches are answered
/// by the Functions host, outside the worker.
/// </summary>
public sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.Apply(http.Response);
        }
        return next(context);
    }
}
