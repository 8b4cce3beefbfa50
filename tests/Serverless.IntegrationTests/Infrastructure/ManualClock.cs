namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>A clock the test moves.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
