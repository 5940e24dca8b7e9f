using System.Text.Json.Nodes;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The student's side of grading, as hooks on the runner: check cells are not run in the student's process (they run
/// in the checker's), and after every cell that ran the answers are read out as data. A check then gets the answers as
/// they were at its place in the notebook, and a notebook that stops keeps the answers it had. When the notebook has
/// run to its end, each function answer is called on the teacher's inputs, and its results are read out as data too.
/// </summary>
internal sealed class AnswerSnapshots(
    IReadOnlyList<AnswerDeclaration> answers,
    IReadOnlyList<ClassworkCell?> origins,
    IReadOnlyList<FunctionAnswer> functions,
    IReadOnlyDictionary<string, double[][]> arguments) : ICellHooks
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    // After merged cell number n: each answer's data, and why the others could not be read.
    private readonly SortedList<int, (JsonObject Values, JsonObject Problems)> _after = [];
    private readonly Dictionary<string, JsonObject> _functionData = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _functionProblems = new(StringComparer.Ordinal);

    /// <summary>Check cells are recorded as not run here.</summary>
    public Task<SkippedCell?> BeforeAsync(IpynbCell cell, WorkerProcess worker, CancellationToken cancellationToken) =>
        Task.FromResult(origins[cell.Index] is { Kind: ClassworkCellKind.Test } ? new SkippedCell(CellStatus.NotRun) : null);

    /// <summary>Reads every answer's current value.</summary>
    public async Task AfterAsync(IpynbCell cell, WorkerProcess worker, CancellationToken cancellationToken)
    {
        if (answers.Count > 0 && await worker.RequestValuesAsync(answers.Select(a => a.Name), ReadTimeout, cancellationToken) is { } read)
        {
            _after[cell.Number] = (read.Values!, read.Problems!);
        }
    }

    /// <summary>Calls each function answer on its inputs, in the student's kernel, and reads the results.</summary>
    public async Task FinishedAsync(WorkerProcess worker, CancellationToken cancellationToken)
    {
        foreach (var function in functions)
        {
            if (!arguments.TryGetValue(function.Name, out var rows))
            {
                _functionProblems[function.Name] = "was not called: the inputs for it could not be computed";
                continue;
            }
            var ran = await worker.RunHiddenAsync(function.CallCode(rows), CallTimeout, cancellationToken);
            if (ran != true)
            {
                _functionProblems[function.Name] = ran is null
                    ? $"did not return within {CallTimeout.TotalSeconds:0} s on the grader's inputs (or stopped the worker)"
                    : $"could not be called as double {function.Name}({string.Join(", ", Enumerable.Repeat("double", function.Parameters))}): it is missing or has another signature";
                if (ran is null)
                {
                    return;
                }
                continue;
            }
            if (await worker.RequestValuesAsync([function.ResultsVariable, function.ErrorsVariable], ReadTimeout, cancellationToken) is { } read
                && read.Values![function.ResultsVariable] is JsonObject results && read.Values[function.ErrorsVariable] is JsonObject errors)
            {
                _functionData[function.Name] = new JsonObject
                {
                    [function.ArgumentsVariable] = Data("double[][]", new JsonArray(rows.Select(r => (JsonNode?)new JsonArray(r.Select(x => (JsonNode?)Number(x)).ToArray())).ToArray())),
                    [function.ResultsVariable] = new JsonObject { ["declared"] = "double[]", ["data"] = results.DeepClone() },
                    [function.ErrorsVariable] = new JsonObject { ["declared"] = "string[]", ["data"] = errors.DeepClone() },
                };
            }
            else
            {
                _functionProblems[function.Name] = "was called, but its results could not be read";
            }
        }
    }

    /// <summary>What the checker sets for a function: its inputs, results and errors as variables; or why there are none.</summary>
    public (JsonObject? Variables, string? Missing) Function(FunctionAnswer function, string? stopped) =>
        _functionData.TryGetValue(function.Name, out var data) ? ((JsonObject)data.DeepClone(), null)
        : (null, _functionProblems.GetValueOrDefault(function.Name) ?? (stopped is null ? "was not called" : $"was not called ({stopped})"));

    /// <summary>
    /// The answers as they were after the merged notebook's cells up to number <paramref name="lastCell"/>: for each
    /// answer its data, or why there is none (<paramref name="stopped"/>: what ended the run early, if something did).
    /// </summary>
    public IReadOnlyDictionary<string, AnswerValue> At(int lastCell, string? stopped)
    {
        var latest = _after.Keys.LastOrDefault(k => k <= lastCell);
        var (values, problems) = latest > 0 ? _after[latest] : (new JsonObject(), new JsonObject());
        var result = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            if (values[answer.Name] is JsonObject data)
            {
                result[answer.Name] = new AnswerValue(data, null);
                continue;
            }
            var why = problems[answer.Name] is JsonValue p && p.TryGetValue<string>(out var text) ? text
                : "has no value: no cell before this check ran to its end";
            result[answer.Name] = new AnswerValue(null, stopped is null ? why : $"{why} ({stopped})");
        }
        return result;
    }

    private static JsonObject Data(string type, JsonNode value) =>
        new() { ["declared"] = type, ["data"] = new JsonObject { ["type"] = type, ["value"] = value } };

    private static JsonNode Number(double x) =>
        double.IsFinite(x) ? JsonValue.Create(x) : JsonValue.Create(double.IsNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
}
