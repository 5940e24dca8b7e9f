using System.Text.Json.Nodes;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The inputs that function answers are called on, for one student: the source's locked cells before the first answer
/// run in the checker with the student's seed, and each function's inputs variable is read as a double[][]. Only
/// teacher's code runs here, so the student cannot choose the inputs.
/// </summary>
internal sealed class FunctionInputs(IReadOnlyList<FunctionAnswer> functions) : ICellHooks
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Each function's argument lists, by function name.</summary>
    public Dictionary<string, double[][]> Arguments { get; } = new(StringComparer.Ordinal);

    /// <summary>Why a function has no inputs, by function name.</summary>
    public Dictionary<string, string> Problems { get; } = new(StringComparer.Ordinal);

    public Task<SkippedCell?> BeforeAsync(IpynbCell cell, WorkerProcess worker, CancellationToken cancellationToken) => Task.FromResult<SkippedCell?>(null);

    public Task AfterAsync(IpynbCell cell, WorkerProcess worker, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task FinishedAsync(WorkerProcess worker, CancellationToken cancellationToken)
    {
        var read = await worker.RequestValuesAsync(functions.Select(f => f.Inputs), ReadTimeout, cancellationToken);
        foreach (var function in functions)
        {
            try
            {
                Arguments[function.Name] = read?.Values![function.Inputs] is JsonObject data
                    ? Rows(data, function)
                    : throw new FormatException($"the source's {function.Inputs} " +
                                                (read?.Problems![function.Inputs]?.GetValue<string>() ?? "could not be read"));
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                Problems[function.Name] = e.Message;
            }
        }
    }

    private static double[][] Rows(JsonObject data, FunctionAnswer function)
    {
        if (data["type"]?.GetValue<string>() != "double[][]" || data["value"] is not JsonArray rows || rows.Count > FunctionAnswer.MaxCalls)
        {
            throw new FormatException($"the source's {function.Inputs} must be a double[][] of at most {FunctionAnswer.MaxCalls} argument lists");
        }
        return rows.Select(row => row is JsonArray values && values.Count == function.Parameters
            ? values.Select(v => v is JsonValue n && n.TryGetValue<double>(out var x) ? x
                : v is JsonValue t && t.TryGetValue<string>(out var s) ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)
                : throw new FormatException($"the source's {function.Inputs} holds something that is not a number")).ToArray()
            : throw new FormatException($"each row of the source's {function.Inputs} must hold {function.Parameters} arguments")).ToArray();
    }
}
