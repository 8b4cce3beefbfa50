namespace Serverless.LocalServer.Commands;

/// <summary>One look at a waiting upload: how it ended (null while it waits), and whether the server moved it on.</summary>
internal sealed record CheckOutcome(UploadCommand.FileResult? Result, bool Progressed);
