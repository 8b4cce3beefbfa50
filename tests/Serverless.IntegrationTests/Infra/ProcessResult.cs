namespace Serverless.IntegrationTests.Infra;

/// <summary>How a command ended and what it printed on each stream.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error);
