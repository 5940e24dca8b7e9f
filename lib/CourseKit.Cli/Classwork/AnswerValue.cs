using System.Text.Json.Nodes;

namespace CourseKit.Cli.Classwork;

/// <summary>One answer as grading has it: its data, or why there is none.</summary>
internal sealed record AnswerValue(JsonObject? Data, string? Missing);
