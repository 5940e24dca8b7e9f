using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// An answer that is a function: <c>double F(double, …)</c>, listed in the answer cell's metadata as
/// <c>"coursekit": {"functions": {"F": {"parameters": 2, "inputs": "fInputs"}}}</c>, where <c>fInputs</c> is a
/// <c>double[][]</c> that the source's locked cells before the answer compute (one argument list per row; they may
/// depend on the seed). Grading calls the student's function on those inputs inside the student's sandbox, after the
/// student's cells have run, and takes the results back as data; in the checker, the function is a table of those
/// results, so a check may call it on any of the inputs and nothing of the student's runs there.
/// </summary>
/// <param name="Name">The function's name.</param>
/// <param name="Parameters">How many double parameters it takes.</param>
/// <param name="Inputs">The teacher's variable holding the argument lists.</param>
/// <param name="CellId">The answer cell that asks for it.</param>
public sealed partial record FunctionAnswer(string Name, int Parameters, string Inputs, string CellId)
{
    /// <summary>The most argument lists a function is called with.</summary>
    public const int MaxCalls = 10_000;

    /// <summary>The functions an answer cell asks for.</summary>
    public static IReadOnlyList<FunctionAnswer> Of(ClassworkCell cell)
    {
        if (cell.Kind != ClassworkCellKind.Solution || cell.Id is not { } id || cell.Functions is not { } functions)
        {
            return [];
        }
        return functions.Select(pair => pair.Value is JsonObject spec
                && spec["parameters"] is JsonValue p && p.TryGetValue<int>(out var count)
                && spec["inputs"] is JsonValue i && i.TryGetValue<string>(out var inputs)
            ? new FunctionAnswer(pair.Key, count, inputs, id)
            : new FunctionAnswer(pair.Key, -1, "", id)).ToList();
    }

    /// <summary>What is wrong with a listed function, or null.</summary>
    public string? Problem =>
        !Identifier().IsMatch(Name) || !Identifier().IsMatch(Inputs) ? $"function '{Name}': needs a C# name and \"inputs\", the name of a double[][] variable"
        : Parameters is < 0 or > 16 ? $"function '{Name}': \"parameters\" must be how many doubles it takes (0 to 16)"
        : null;

    /// <summary>Names the grader gives the results in the student's kernel and the checker's.</summary>
    public string ArgumentsVariable => $"__coursekit_{Name}_arguments";

    /// <summary>The results, one per argument list.</summary>
    public string ResultsVariable => $"__coursekit_{Name}_results";

    /// <summary>For each argument list: null, or how the call failed.</summary>
    public string ErrorsVariable => $"__coursekit_{Name}_errors";

    /// <summary>
    /// The cell the grader runs in the student's kernel after the student's cells: each argument list as literals
    /// (the teacher's numbers, never the student's), each call caught on its own.
    /// </summary>
    public string CallCode(double[][] arguments)
    {
        var code = new StringBuilder();
        code.Append($"var {ResultsVariable} = new double[{arguments.Length}];\n");
        code.Append($"var {ErrorsVariable} = new string[{arguments.Length}];\n");
        for (var k = 0; k < arguments.Length; k++)
        {
            var args = string.Join(", ", arguments[k].Select(Literal));
            code.Append($"try {{ {ResultsVariable}[{k}] = {Name}({args}); }} ")
                .Append($"catch (System.Exception e) {{ {ErrorsVariable}[{k}] = e.GetType().Name + \": \" + e.Message; }}\n");
        }
        return code.ToString();
    }

    /// <summary>The checker's stand-in: the function as the table of the student's results (teacher's code).</summary>
    public string TableCode()
    {
        var parameters = string.Join(", ", Enumerable.Range(0, Parameters).Select(p => $"double a{p}"));
        var match = Parameters == 0 ? "true" : string.Join(" && ", Enumerable.Range(0, Parameters).Select(p => $"row[{p}].Equals(a{p})"));
        var shown = Parameters == 0 ? "\"\"" : string.Join(" + \", \" + ", Enumerable.Range(0, Parameters).Select(p => $"a{p}"));
        return $$"""
            // {{Name}}, as the student's notebook computed it on the inputs in {{Inputs}}
            double {{Name}}({{parameters}})
            {
                for (var k = 0; k < {{ArgumentsVariable}}.Length; k++)
                {
                    var row = {{ArgumentsVariable}}[k];
                    if ({{match}})
                    {
                        return {{ErrorsVariable}}[k] is { } error ? throw new System.Exception($"{{Name}}({{{shown}}}) threw {error}") : {{ResultsVariable}}[k];
                    }
                }
                throw new System.InvalidOperationException($"grading called {{Name}} only on the inputs in {{Inputs}}, not on ({{{shown}}})");
            }
            """;
    }

    private static string Literal(double x) =>
        double.IsNaN(x) ? "double.NaN"
        : double.IsPositiveInfinity(x) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(x) ? "double.NegativeInfinity"
        : x.ToString("R", CultureInfo.InvariantCulture) + "d";

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();
}
