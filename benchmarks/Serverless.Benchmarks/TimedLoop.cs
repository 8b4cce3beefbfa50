using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Serverless.Benchmarks;

/// <summary>
/// Runs each matching render benchmark method in a plain timed loop, after a warm-up, for as long as asked: the steady
/// state to attach a profiler to (<c>perf record</c>, <c>dotnet-trace</c>), which BenchmarkDotNet's child processes
/// make awkward. It prints the median time per call over 20 ms batches and the bytes allocated per call. The figures
/// quoted in benchmarks/README.md are BenchmarkDotNet's; this is for finding where the time goes.
/// </summary>
public static class TimedLoop
{
    private static readonly Type[] Benchmarks = [typeof(RenderBenchmarks), typeof(ParseBreakdownBenchmarks)];

    /// <param name="article"><see cref="BenchmarkArticles.Sample"/> or <see cref="BenchmarkArticles.Synthetic"/>.</param>
    /// <param name="filter">Part of "Class.Description" (e.g. "Parse + page", "ParseBreakdownBenchmarks.Page"); empty for all.</param>
    public static int Run(string article, string filter, TimeSpan duration)
    {
        foreach (var type in Benchmarks)
        {
            var instance = Activator.CreateInstance(type)!;
            type.GetProperty(nameof(RenderBenchmarks.Article))!.SetValue(instance, article);
            type.GetMethods().Single(method => method.GetCustomAttribute<GlobalSetupAttribute>() is not null).Invoke(instance, null);
            foreach (var method in type.GetMethods().Where(method => method.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                var name = $"{type.Name}.{method.GetCustomAttribute<BenchmarkAttribute>()!.Description ?? method.Name}";
                if (name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                {
                    // A compiled call rather than MethodInfo.Invoke, whose cost would be counted with each call.
                    var call = Expression.Lambda<Func<object>>(Expression.Convert(Expression.Call(Expression.Constant(instance), method), typeof(object))).Compile();
                    Measure(name, article, call, duration);
                }
            }
        }
        return 0;
    }

    private static void Measure(string name, string article, Func<object> call, TimeSpan duration)
    {
        // Warm-up: long enough for tiered compilation to reach its optimised code (3 s left a slow tail on 20 KB).
        for (var warmUp = Stopwatch.StartNew(); warmUp.Elapsed < TimeSpan.FromSeconds(5);)
        {
            call();
        }
        var perCall = new List<double>();
        var calls = 0L;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var total = Stopwatch.StartNew(); total.Elapsed < duration;)
        {
            var batch = Stopwatch.StartNew();
            var inBatch = 0;
            while (batch.Elapsed < TimeSpan.FromMilliseconds(20))
            {
                call();
                inBatch++;
            }
            perCall.Add(batch.Elapsed.TotalMicroseconds / inBatch);
            calls += inBatch;
        }
        perCall.Sort();
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)calls / 1024;
        Console.WriteLine($"{name} [{article}]: median {perCall[perCall.Count / 2]:F2} µs, p10 {perCall[perCall.Count / 10]:F2} µs, p90 {perCall[perCall.Count * 9 / 10]:F2} µs, {allocated:F1} KB allocated per call");
    }
}
