using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Worker;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// One answer an answer cell asks for: a variable's name and C# type. Grading reads the answers out of the student's
/// notebook as data under these names and hands them to the checks, which run in a process of their own.
/// </summary>
/// <param name="Name">The variable, e.g. <c>h1</c>.</param>
/// <param name="Type">Its C# type, one of <see cref="WorkerProtocol.AnswerTypes"/>, e.g. <c>double[]</c>.</param>
/// <param name="CellId">The answer cell that declares it.</param>
public sealed partial record AnswerDeclaration(string Name, string Type, string CellId)
{
    /// <summary>
    /// The answers of an answer cell: its declarations outside the solution region (<c>double z, o;</c>,
    /// <c>double[] h1, o1;</c>, one statement per line, no initializer), or, when the cell's metadata lists them,
    /// <c>"coursekit": {"answers": {"z": "double"}}</c>, those instead.
    /// </summary>
    /// <exception cref="ClassworkException">Not for the metadata of a source; see <see cref="Problems"/>.</exception>
    public static IReadOnlyList<AnswerDeclaration> Of(ClassworkCell cell)
    {
        if (cell.Kind != ClassworkCellKind.Solution || cell.Id is not { } id)
        {
            return [];
        }
        if (cell.Answers is { } listed)
        {
            return listed.Select(pair => new AnswerDeclaration(pair.Key, JsonText.Read(pair.Value), id)).ToList();
        }
        var outside = RegionMarkers.ReplaceSolutions(cell.Source);
        return Declaration().Matches(outside)
            .SelectMany(m => m.Groups["names"].Value.Split(',').Select(n => new AnswerDeclaration(n.Trim(), Normalize(m.Groups["type"].Value), id)))
            .ToList();
    }

    /// <summary>What is wrong with a source's answers: an answer cell with none, a type that cannot travel as data, a name used twice.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<ClassworkCell> cells)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cell in cells.Where(c => c.Kind == ClassworkCellKind.Solution && c.CellType == "code"))
        {
            var answers = Of(cell);
            var functions = FunctionAnswer.Of(cell);
            foreach (var function in functions)
            {
                if (function.Problem is { } problem)
                {
                    yield return $"{cell.Label}: {problem}";
                }
                else if (!seen.TryAdd(function.Name, cell.Id!))
                {
                    yield return $"{cell.Label}: function '{function.Name}' is also an answer of '{seen[function.Name]}'";
                }
            }
            if (answers.Count == 0 && functions.Count == 0)
            {
                yield return $"{cell.Label}: declares no answers; start it with their declarations (e.g. 'double z, o;') " +
                             "or list them in its metadata: \"coursekit\": {\"answers\": {\"z\": \"double\"}}";
            }
            foreach (var answer in answers)
            {
                if (!WorkerProtocol.AnswerTypes.Contains(answer.Type))
                {
                    yield return $"{cell.Label}: answer '{answer.Name}' is a {answer.Type}; an answer must be one of {string.Join(", ", WorkerProtocol.AnswerTypes)}";
                }
                if (!Identifier().IsMatch(answer.Name))
                {
                    yield return $"{cell.Label}: '{answer.Name}' is not a C# variable name";
                }
                else if (!seen.TryAdd(answer.Name, cell.Id!))
                {
                    yield return $"{cell.Label}: answer '{answer.Name}' is also an answer of '{seen[answer.Name]}'";
                }
            }
        }
    }

    /// <summary>True when <paramref name="code"/> mentions this answer's name as a word.</summary>
    public bool IsUsedBy(string code) => Mentions(code, Name);

    /// <summary>True when <paramref name="code"/> mentions <paramref name="name"/> as a word.</summary>
    public static bool Mentions(string code, string name) => Regex.IsMatch(code, $@"(?<![\w@]){Regex.Escape(name)}(?!\w)");

    private static string Normalize(string type) => WhiteSpace().Replace(type, "");

    // A declaration statement on a line of its own: TYPE name, name;
    [GeneratedRegex(@"^[ \t]*(?<type>(?:double|float|int|long|bool|string|Tensor\s*<\s*(?:double|float)\s*>)(?:\s*\[\s*\]\s*\[\s*\]|\s*\[\s*,\s*\]|\s*\[\s*\])?)[ \t]+(?<names>[A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]*;", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
