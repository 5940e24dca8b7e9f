using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CourseKit.Benchmarks;

/// <summary>
/// Summary column "GFLOP/s" for square matrix products: 2·N³ floating-point operations (one multiply and one add per
/// term) divided by the measured mean time of one operation. The mean is in nanoseconds, so flops / ns is GFLOP/s.
/// N is read from the benchmark's <c>N</c> parameter; cases without one, or that failed, show "-".
/// </summary>
public sealed class GflopsColumn : IColumn
{
    /// <summary>The name of the parameter that holds the matrix size.</summary>
    public const string SizeParameter = "N";

    /// <summary>Floating-point operations of one C = A·B with square N×N matrices.</summary>
    public static double SquareGemmFlops(int n) => 2.0 * n * n * n;

    /// <summary>GFLOP/s of one case, or null when the case has no N or no measurements.</summary>
    public static double? Gflops(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == SizeParameter)?.Value is not int n) return null;
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || !(statistics.Mean > 0)) return null;
        return SquareGemmFlops(n) / statistics.Mean; // flops per nanosecond = GFLOP/s
    }

    /// <inheritdoc/>
    public string Id => nameof(GflopsColumn);
    /// <inheritdoc/>
    public string ColumnName => "GFLOP/s";
    /// <inheritdoc/>
    public bool AlwaysShow => true;
    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc/>
    public int PriorityInCategory => 0;
    /// <inheritdoc/>
    public bool IsNumeric => true;
    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc/>
    public string Legend => "Square GEMM throughput: 2·N³ floating-point operations / Mean, in 10⁹ per second";
    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;
    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);
    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        Gflops(summary, benchmarkCase) is double g ? g.ToString("F2", style.CultureInfo) : "-";
    /// <inheritdoc/>
    public override string ToString() => ColumnName;
}

/// <summary>Adds the <see cref="GflopsColumn"/> to a benchmark class's summary.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly)]
public sealed class GflopsColumnAttribute : ColumnConfigBaseAttribute
{
    /// <summary>Adds the column.</summary>
    public GflopsColumnAttribute() : base(new GflopsColumn()) { }
}
