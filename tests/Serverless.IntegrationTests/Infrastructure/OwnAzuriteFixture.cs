namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// An in-memory Azurite for one test class, as an author's local server has: command-line tests run a separate process
/// whose every storage request waits on the shared Azurite's single Node.js loop, which the suite's heavy tests keep
/// busy (CI runs saw an `upload` wait over 30 s and a `preview` over 180 s there; seconds alone).
/// </summary>
public sealed class OwnAzuriteFixture : AzuriteFixture;
