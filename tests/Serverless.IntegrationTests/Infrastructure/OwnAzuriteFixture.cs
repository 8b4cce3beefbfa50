namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// An in-memory Azurite for one test class, as an author's local server has. For the classes whose tests wait on a
/// clock or run a separate process: every storage request waits on the shared Azurite's single Node.js loop, which the
/// suite's heavy tests keep busy (CI runs saw an `upload` wait over 30 s, a `preview` over 180 s and an embargoed
/// article published 3 minutes late there; seconds alone).
/// </summary>
public sealed class OwnAzuriteFixture : AzuriteFixture;
