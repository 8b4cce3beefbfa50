using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Serverless.Core.Configuration;
using Serverless.Functions.Telemetry;

// ASP.NET Core integration only: never also call ConfigureFunctionsWorkerDefaults (azure-functions-dotnet-worker#1947).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<Serverless.Functions.Http.SecurityHeadersMiddleware>();
builder.Services.AddServerlessCore(builder.Configuration);
builder.Services.AddServerlessTelemetry(builder.Configuration);
builder.Build().Run();
