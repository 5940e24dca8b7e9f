using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace CourseKit.Worker;

/// <summary>Turns the kernel's events into nbformat-4 outputs, the shape Jupyter stores in a notebook.</summary>
internal static class CellOutputs
{
    /// <summary>{"output_type":"stream","name":"stdout","text":"…"}</summary>
    public static JsonObject Stream(string name, string text) =>
        new() { ["output_type"] = "stream", ["name"] = name, ["text"] = text };

    /// <summary>display_data for a displayed value: one entry per MIME type the formatter produced.</summary>
    public static JsonObject Display(DisplayEvent displayed) =>
        new() { ["output_type"] = "display_data", ["data"] = Data(displayed.FormattedValues), ["metadata"] = new JsonObject() };

    /// <summary>execute_result for a cell's return value, numbered like Jupyter's Out[n].</summary>
    public static JsonObject Result(ReturnValueProduced result, int executionCount) =>
        new()
        {
            ["output_type"] = "execute_result",
            ["execution_count"] = executionCount,
            ["data"] = Data(result.FormattedValues),
            ["metadata"] = new JsonObject(),
        };

    /// <summary>An error output: the exception's type as ename, its message as evalue, every line as the traceback.</summary>
    public static JsonObject Error(string name, string message)
    {
        var traceback = new JsonArray();
        foreach (var line in message.Split('\n'))
        {
            traceback.Add(line.TrimEnd('\r'));
        }
        return new JsonObject { ["output_type"] = "error", ["ename"] = name, ["evalue"] = message, ["traceback"] = traceback };
    }

    /// <summary>The error for a failed cell: the exception type when there is one, "CompilationError" for code that did not compile.</summary>
    public static JsonObject Failure(CommandFailed failed)
    {
        var name = failed.Exception switch
        {
            null => "Error",
            { } e when e.GetType().Name == "CodeSubmissionCompilationErrorException" => "CompilationError",
            { } e => e.GetType().FullName ?? e.GetType().Name,
        };
        return Error(name, failed.Message);
    }

    /// <summary>Compiler warnings as the text Jupyter shows under a cell: "(3,7): warning CS8632: …".</summary>
    public static string? Warnings(DiagnosticsProduced diagnostics)
    {
        var lines = diagnostics.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Warning)
            .Select(d => $"({d.LinePositionSpan.Start.Line + 1},{d.LinePositionSpan.Start.Character + 1}): warning {d.Code}: {d.Message}")
            .ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines) + "\n";
    }

    private static JsonObject Data(IReadOnlyCollection<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var value in values.Where(v => !v.SuppressDisplay))
        {
            data[value.MimeType] = value.Value;
        }
        return data;
    }
}
