namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>The system's Chromium, which the browser tests drive through playwright-core (it downloads none).</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>CI installs Chromium and sets SERVERLESS_REQUIRE_BROWSER=1; a machine with only .NET and Node skips.</summary>
    public static void Require()
    {
        if (File.Exists(Path))
        {
            return;
        }
        var reason = $"Chromium is not installed at {Path}; install it with: sudo apt-get install -y chromium";
        if (Environment.GetEnvironmentVariable("SERVERLESS_REQUIRE_BROWSER") == "1")
        {
            Assert.Fail(reason + " (SERVERLESS_REQUIRE_BROWSER=1 requires the browser test to run).");
        }
        Assert.Skip(reason);
    }
}
