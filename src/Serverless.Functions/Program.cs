using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Serverless.Functions;

FunctionsApplication.CreateBuilder(args).ConfigureServerlessApp().Build().Run();
