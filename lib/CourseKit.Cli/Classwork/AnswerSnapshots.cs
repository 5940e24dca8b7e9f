using System.Text.Json.Nodes;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The student's side of grading, as hooks on the runner: check cells are not run in the student's process (they run
/// in the checker's), and after every cell that ran the answers are read out as data. A check then gets the answers as
/// they were at its place in the notebook, and a notebook that stops keeps the answers it had produced.
/// </summary>
internal sealed class AnswerSnapshots(IReadOnlyList<AnswerDeclaration> answers, IReadOnlyList<ClassworkCell?> origins) : ICellHooks
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    // After merged cell number n: each answer's data, and why the others could not be read.
    private readonly SortedList<int, (JsonObject Values, JsonObject Problems)> _after = [];

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
}
