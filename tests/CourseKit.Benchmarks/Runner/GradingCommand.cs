using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseKit.Benchmarks.SideBySide;

namespace CourseKit.Benchmarks.Runner;

/// <summary>
/// <c>grading [--students 30] [--jobs 2] [--assignment 03-rnn-pos] [--out file.json]</c>: assigns a shipped classwork
/// to a class, hands in the teacher's solution for every student (each with their own numbers), and times
/// `coursekit grade --jobs N` on them, sandbox included. Prints the time per submission against the target (2 s with
/// two jobs on two cores). A benchmark, not a test.
/// </summary>
public static class GradingCommand
{
    private const double TargetSecondsPerSubmission = 2.0;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var root = SideBySideCommand.RepoRoot();
        var students = int.Parse(SideBySideCommand.Option(args, "--students") ?? "30", CultureInfo.InvariantCulture);
        var jobs = int.Parse(SideBySideCommand.Option(args, "--jobs") ?? "2", CultureInfo.InvariantCulture);
        var assignment = SideBySideCommand.Option(args, "--assignment") ?? "03-rnn-pos";
        var output = SideBySideCommand.Option(args, "--out") ?? Path.Combine(root, "artifacts", "benchmarks", "grading.json");
        var source = Path.Combine(root, "notebooks", "classwork", assignment + ".ipynb");
        var cpu = SideBySideCommand.CpuName();
        Console.WriteLine($"Grading {students} honest submissions of {assignment} with --jobs {jobs}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, CPU: {cpu}, {Environment.ProcessorCount} logical cores");

        var scratch = Directory.CreateTempSubdirectory("coursekit-grading-benchmark-").FullName;
        try
        {
            var cli = await CommandLine.BuildAsync(root, scratch);
            if (cli is null)
            {
                return 1;
            }
            var roster = Path.Combine(scratch, "roster.txt");
            File.WriteAllLines(roster, Enumerable.Range(1, students).Select(i => $"student-{i:00}"));
            var assigned = Path.Combine(scratch, "assigned");
            if ((await TimedProcess.RunAsync(CommandLine.Dotnet, [cli, "assign", source, "--roster", roster, "--out", assigned], root, TimeSpan.FromMinutes(10))).ExitCode != 0)
            {
                Console.Error.WriteLine("assign failed");
                return 1;
            }
            var submitted = Directory.CreateDirectory(Path.Combine(scratch, "submitted")).FullName;
            var solutions = Solutions(source);
            foreach (var student in File.ReadAllLines(roster))
            {
                var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(assigned, "release", student, assignment + ".ipynb")))!;
                foreach (var cell in notebook["cells"]!.AsArray())
                {
                    var id = cell!["metadata"]?["nbgrader"]?["grade_id"]?.GetValue<string>();
                    if (id is not null && solutions.TryGetValue(id, out var solution))
                    {
                        cell["source"] = solution;
                    }
                }
                File.WriteAllText(Path.Combine(submitted, student + ".ipynb"), notebook.ToJsonString());
            }

            var graded = Path.Combine(scratch, "graded");
            var (exit, seconds) = await TimedProcess.RunAsync(CommandLine.Dotnet,
                [cli, "grade", source, submitted, "--roster", roster, "--out", graded, "--jobs", jobs.ToString(CultureInfo.InvariantCulture)],
                root, TimeSpan.FromMinutes(30), Path.Combine(scratch, "grade.log"));
            using var gradebook = JsonDocument.Parse(File.ReadAllText(Path.Combine(graded, "gradebook.json")));
            var entries = gradebook.RootElement.GetProperty("students").EnumerateArray().ToList();
            var full = entries.Count(e => e.GetProperty("total").GetDouble() == e.GetProperty("max_points").GetDouble());
            var sandbox = gradebook.RootElement.GetProperty("sandbox").GetString();
            var perSubmission = seconds / students;
            Console.WriteLine($"coursekit grade exited with {exit}: {full} of {students} students have full marks, sandbox: {sandbox}");
            Console.WriteLine();
            Console.WriteLine("| measure | value | target | |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| {students} submissions, --jobs {jobs} | {seconds:0.0} s | | |");
            Console.WriteLine($"| per submission | {perSubmission:0.00} s | ≤ {TargetSecondsPerSubmission:0.0} s | {(perSubmission <= TargetSecondsPerSubmission ? "met" : "MISSED")} |");
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            File.WriteAllText(output, JsonSerializer.Serialize(new
            {
                date = DateTime.UtcNow,
                cpu,
                cores = Environment.ProcessorCount,
                assignment,
                students,
                jobs,
                sandbox,
                seconds,
                perSubmission,
                fullMarks = full,
                studentSeconds = entries.Select(e => e.GetProperty("seconds").GetDouble()),
            }, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Console.WriteLine($"Written: {output}");
            return exit == 0 && full == students ? 0 : 1;
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temp cleanup.
            }
        }
    }

    // Each answer cell of the source with its solution region's lines in place of the region (the markers removed).
    private static Dictionary<string, string> Solutions(string source)
    {
        var solutions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cell in JsonNode.Parse(File.ReadAllText(source))!["cells"]!.AsArray())
        {
            if (cell!["metadata"]?["nbgrader"]?["solution"]?.GetValue<bool>() == true)
            {
                var text = cell["source"] is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : cell["source"]!.GetValue<string>();
                solutions[cell["metadata"]!["nbgrader"]!["grade_id"]!.GetValue<string>()] = string.Join('\n',
                    text.Split('\n').Where(l => !l.TrimStart().StartsWith("// BEGIN SOLUTION", StringComparison.Ordinal)
                                                && !l.TrimStart().StartsWith("// END SOLUTION", StringComparison.Ordinal)));
            }
        }
        return solutions;
    }
}
