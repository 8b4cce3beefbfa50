using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Serverless.Core.Configuration;

// ASP.NET Core integration only: never also call ConfigureFunctionsWorkerDefaults (azure-functions-dotnet-worker#1947).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddServerlessCore(builder.Configuration);
builder.Build().Run();
