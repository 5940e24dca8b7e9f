using System.Text.Json.Nodes;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The checker's side of grading, as hooks on the runner. In place of an answer cell it declares the student's answers
/// with their values (data read from the student's notebook, never code); before a check it brings every answer up to
/// the value it had at that check's place in the student's notebook; a check that needs an answer the student's
/// notebook never produced is not run, and fails with the reason.
/// </summary>
internal sealed class CheckerHooks(
    IReadOnlyList<CheckerCell> cells,
    IReadOnlyList<AnswerDeclaration> answers,
    Func<ClassworkCell, IReadOnlyDictionary<string, AnswerValue>> answersAt,
    Func<FunctionAnswer, (JsonObject? Variables, string? Missing)> functionData) : ICellHooks
{
    private static readonly TimeSpan SetTimeout = TimeSpan.FromSeconds(30);

    // What the checker's kernel holds: each answer's data as last set, or why it has none.
    private readonly Dictionary<string, string> _set = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _missing = new(StringComparer.Ordinal);

    /// <summary>Answers that the checks could not have, and why: for the gradebook's notes.</summary>
    public IReadOnlyDictionary<string, string> Missing => _missing;

    public async Task<SkippedCell?> BeforeAsync(IpynbCell cell, WorkerProcess worker, CancellationToken cancellationToken)
    {
        var (origin, function) = cells[cell.Index];
        if (function is not null)
        {
            // The function's table runs only with the student's results set; without them the function is missing.
            var (variables, missing) = functionData(function);
            if (variables is null)
            {
                _missing[function.Name] = missing ?? "was not called";
                return new SkippedCell(CellStatus.Ok);
            }
            if (await worker.SetValuesAsync(variables, SetTimeout, cancellationToken) is not { } refused)
            {
                return new SkippedCell(CellStatus.Stopped, "CheckerStopped", "the checker stopped while it set the answers");
            }
            if (refused.Count > 0)
            {
                _missing[function.Name] = "returned results that cannot be read: " + string.Join("; ", refused.Select(p => p.Value?.ToString()));
                return new SkippedCell(CellStatus.Ok);
            }
            _set[function.Name] = "function";
            return null;
        }
        switch (origin.Kind)
        {
            case ClassworkCellKind.Solution:
                var own = answers.Where(a => a.CellId == origin.Id).ToList();
                return await SetAsync(worker, answersAt(origin), own, cancellationToken)
                    ?? new SkippedCell(CellStatus.Ok);
            case ClassworkCellKind.Test:
                var declared = answers.Where(a => _set.ContainsKey(a.Name) || _missing.ContainsKey(a.Name)).ToList();
                if (await SetAsync(worker, answersAt(origin), declared, cancellationToken) is { } stopped)
                {
                    return stopped;
                }
                var code = RegionMarkers.UnmarkHiddenTests(origin.Source);
                var needed = answers.Select(a => a.Name).Concat(cells.Where(c => c.Function is not null).Select(c => c.Function!.Name))
                    .Where(name => AnswerDeclaration.Mentions(code, name) && !_set.ContainsKey(name)).ToList();
                return needed.Count == 0
                    ? null
                    : new SkippedCell(CellStatus.Error, "MissingAnswer", MissingText(needed));
            default:
                return null;
        }
    }

    public Task AfterAsync(IpynbCell cell, WorkerProcess worker, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task FinishedAsync(WorkerProcess worker, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>"this check needs z, which has no value: …; o, which …": why the answers a check needs are not there.</summary>
    public string MissingText(IEnumerable<string> needed) =>
        "this check needs " + string.Join("; ", needed.Select(name => $"{name}, which {_missing.GetValueOrDefault(name) ?? "was not answered"}"));

    // Declares the given answers whose data changed; null when done, or the cell to record when the checker stopped.
    private async Task<SkippedCell?> SetAsync(
        WorkerProcess worker, IReadOnlyDictionary<string, AnswerValue> values, IEnumerable<AnswerDeclaration> which, CancellationToken cancellationToken)
    {
        var request = new JsonObject();
        var sent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var answer in which)
        {
            var value = values[answer.Name];
            if (value.Data is null)
            {
                _missing[answer.Name] = value.Missing ?? "has no value";
                continue;
            }
            var json = value.Data.ToJsonString();
            if (_set.GetValueOrDefault(answer.Name) == json)
            {
                continue;
            }
            request[answer.Name] = new JsonObject { ["declared"] = answer.Type, ["data"] = value.Data.DeepClone() };
            sent[answer.Name] = json;
        }
        if (request.Count == 0)
        {
            return null;
        }
        if (await worker.SetValuesAsync(request, SetTimeout, cancellationToken) is not { } problems)
        {
            return new SkippedCell(CellStatus.Stopped, "CheckerStopped", "the checker stopped while it set the answers");
        }
        foreach (var (name, json) in sent)
        {
            if (problems[name] is JsonValue problem && problem.TryGetValue<string>(out var why))
            {
                _set.Remove(name);
                _missing[name] = why;
            }
            else
            {
                _set[name] = json;
                _missing.Remove(name);
            }
        }
        return null;
    }
}
