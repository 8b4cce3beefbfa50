using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Serverless.Core.Configuration;
using Serverless.Functions.Telemetry;

namespace Serverless.Functions;

/// <summary>The Functions app's hosting and services: one place, used by Program.cs and by the start-up benchmark.</summary>
public static class FunctionsAppSetup
{
    public static FunctionsApplicationBuilder ConfigureServerlessApp(this FunctionsApplicationBuilder builder)
    {
        // ASP.NET Core integration only: never also call ConfigureFunctionsWorkerDefaults (azure-functions-dotnet-worker#1947).
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<Http.SecurityHeadersMiddleware>();
        builder.Services.AddServerlessCore(builder.Configuration);
        builder.Services.AddServerlessTelemetry(builder.Configuration);
        return builder;
    }
}
