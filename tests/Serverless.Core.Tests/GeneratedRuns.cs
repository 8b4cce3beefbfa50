using CsCheck;

namespace Serverless.Core.Tests;

/// <summary>How many generated inputs a property test tries.</summary>
internal static class GeneratedRuns
{
    /// <summary>
    /// <paramref name="byDefault"/>: enough to cover every generator branch many times, few enough for the suite to run
    /// in seconds; <c>CsCheck_Iter</c> asks for a longer hunt (README, "Generated inputs").
    /// </summary>
    public static long Iterations(long byDefault) => Environment.GetEnvironmentVariable("CsCheck_Iter") is null ? byDefault : Check.Iter;
}
