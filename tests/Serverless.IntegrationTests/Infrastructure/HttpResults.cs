using System.Text;
using Microsoft.AspNetCore.Http;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>What an HTTP function's IResult wrote: executed on the request's context, as the Functions host does.</summary>
public sealed record HttpResponseSnapshot(int StatusCode, IHeaderDictionary Headers, string Body)
{
    public static async Task<HttpResponseSnapshot> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        return new HttpResponseSnapshot(context.Response.StatusCode, context.Response.Headers, await reader.ReadToEndAsync());
    }
}
