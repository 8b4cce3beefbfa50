using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions;
using Serverless.Functions.Http;

// The worker's own start-up path, up to the first HTTP answer: the host built as src/Serverless.Functions/Program.cs
// builds it (same services), then GET / through the HTTP function class, as the host's invocation would run it (the
// host's gRPC channel and the middleware are what `func` adds; it cannot be installed here). Storage: AzureWebJobsStorage.
// Prints milliseconds since the process started, read by the parent from "host-built-ms=… first-answer-ms=…".
var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
var builder = FunctionsApplication.CreateBuilder(args).ConfigureServerlessApp();
using var host = builder.Build();
var built = DateTime.UtcNow;

var context = new DefaultHttpContext { RequestServices = host.Services };
context.Request.Method = HttpMethods.Get;
context.Request.Path = "/";
context.Response.Body = new MemoryStream();
var functions = ActivatorUtilities.CreateInstance<PageFunctions>(host.Services);
await (await functions.GetIndexPage(context.Request, CancellationToken.None)).ExecuteAsync(context);
var answered = DateTime.UtcNow;
if (context.Response.StatusCode != StatusCodes.Status200OK)
{
    Console.Error.WriteLine($"GET / answered {context.Response.StatusCode}.");
    return 1;
}
Console.WriteLine(FormattableString.Invariant($"host-built-ms={(built - started).TotalMilliseconds:0} first-answer-ms={(answered - started).TotalMilliseconds:0}"));
return 0;
