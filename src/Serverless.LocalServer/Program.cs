using Serverless.LocalServer.Commands;

return await CommandLineApp.Build().Parse(args).InvokeAsync();
