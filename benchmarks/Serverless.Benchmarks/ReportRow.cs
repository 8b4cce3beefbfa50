using System.Text.Json;

namespace Serverless.Benchmarks;

/// <summary>
/// One figure of an end-to-end measurement. Printed as a table, and written with <c>--json-out</c> as
/// <c>{"rows":[{"name","value","unit"}]}</c>, the shape <c>benchmarks/report.sh</c> reads.
/// </summary>
internal sealed record ReportRow(string Name, double Value, string Unit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Print(string title, IReadOnlyList<ReportRow> rows)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine("| Figure | Value | Unit |");
        Console.WriteLine("|---|---:|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(FormattableString.Invariant($"| {row.Name} | {row.Value:0.###} | {row.Unit} |"));
        }
    }

    /// <summary>Writes the rows to <paramref name="path"/> when one was given.</summary>
    public static void WriteJson(string? path, IReadOnlyList<ReportRow> rows)
    {
        if (path is not null)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(new { rows }, Json));
        }
    }

    /// <summary>The value after <paramref name="option"/> in <paramref name="args"/>, if present.</summary>
    public static string? Option(string[] args, string option) =>
        Array.IndexOf(args, option) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
