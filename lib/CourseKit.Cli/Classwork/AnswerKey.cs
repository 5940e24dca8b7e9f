using System.Text.Json.Nodes;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The teacher's per-student answer key, teacher/answer-key.json: each student's seed and what the teacher's solution
/// printed for that student's numbers, cell by cell. It is written only into the teacher's folder, never a release.
/// </summary>
internal static class AnswerKey
{
    /// <summary>The answer key as JSON.</summary>
    public static string ToJson(ClassworkSource source, IReadOnlyList<SourceCheck.StudentAnswers> answers)
    {
        var students = new JsonArray();
        foreach (var student in answers)
        {
            var outputs = new JsonObject();
            foreach (var (id, text) in student.Outputs)
            {
                outputs[id] = text;
            }
            students.Add(new JsonObject
            {
                ["student"] = student.Student,
                ["seed"] = student.Seed,
                ["answers"] = outputs,
            });
        }
        var root = new JsonObject
        {
            ["assignment"] = source.Name,
            ["source"] = source.Path,
            ["max_points"] = source.MaxPoints,
            ["students"] = students,
        };
        return root.ToJsonString(JsonText.Indented) + "\n";
    }
}
