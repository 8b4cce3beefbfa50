using System.Text;
using Microsoft.AspNetCore.Http;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>What an HTTP function's IResult wrote: executed on the request's context, as the Functions host does.</summary>
public sealed record HttpResponseSnapshot(int StatusCode, IHeaderDictionary Headers, string Body)
{
    /// <summary>The body as sent, for binary answers such as images.</summary>
    public byte[] BodyBytes { get; init; } = [];

    public static async Task<HttpResponseSnapshot> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var bytes = new MemoryStream();
        await context.Response.Body.CopyToAsync(bytes);
        return new HttpResponseSnapshot(context.Response.StatusCode, context.Response.Headers, Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length))
        {
            BodyBytes = bytes.ToArray(),
        };
    }
}
