using System.Text.Json.Nodes;
using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

public class ClassworkSourceTests
{
    [Fact]
    public void The_unit_output_classwork_has_its_roles_points_and_the_lectures_seed()
    {
        var source = ClassworkFiles.UnitOutput();

        Assert.Equal("01-unit-output", source.Name);
        Assert.Equal(0, source.DefaultSeed);
        Assert.True(source.IsParametric);
        Assert.Equal(["check-o-is-a-sigmoid-output", "check-z", "check-o"], source.Tests.Select(t => t.Id));
        Assert.Equal(5, source.MaxPoints);
        var kinds = source.Cells.Where(c => c.Id is not null).ToDictionary(c => c.Id!, c => c.Kind);
        Assert.Equal(ClassworkCellKind.Parameters, kinds["seed"]);
        Assert.Equal(ClassworkCellKind.ReadOnly, kinds["data"]);
        Assert.Equal(ClassworkCellKind.Solution, kinds["answer"]);
        Assert.Single(source.Cells, c => c.Kind == ClassworkCellKind.Ordinary && c.CellType == "code");
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_shipped_classwork_is_a_valid_source_whose_student_version_gives_nothing_away(string name)
    {
        var source = ClassworkSource.Load(ClassworkFiles.Shipped(name));
        var student = source.StudentNotebook("alice");
        var text = string.Concat(student.Cells.Select(c => c.Source));

        Assert.True(source.MaxPoints > 0);
        Assert.Equal(ClassworkSource.KernelName, ClassworkSource.KernelOf(student));
        Assert.DoesNotContain("BEGIN SOLUTION", text);
        Assert.DoesNotContain("HIDDEN TESTS", text);
        Assert.Contains(RegionMarkers.YourCodeHere, text);
        foreach (var test in source.Tests.Where(t => t.HasHiddenTests))
        {
            var visible = RegionMarkers.RemoveHiddenTests(test.Source).Split('\n');
            var hidden = RegionMarkers.UnmarkHiddenTests(test.Source).Split('\n').Except(visible).Where(l => l.Trim().Length > 20).ToList();
            Assert.NotEmpty(hidden);
            Assert.All(hidden, line => Assert.DoesNotContain(line.Trim(), text));
        }
    }

    public static TheoryData<string> Shipped() => new(ClassworkFiles.ShippedNames);

    [Fact]
    public void The_student_version_has_the_students_seed_no_outputs_and_nbgrader_checksums()
    {
        var source = ClassworkFiles.UnitOutput();

        var student = source.StudentNotebook("alice");

        var seed = StudentSeed.For("01-unit-output", "alice");
        Assert.Contains($"var seed = {seed};", ClassworkFiles.CellWithId(student, "seed").Source);
        Assert.All(student.Cells.Where(c => c.CellType == "code"), c => Assert.Empty(c.Outputs));
        Assert.Equal("alice", ((JsonObject)student.Metadata["coursekit"]!)["student"]!.GetValue<string>());
        foreach (var cell in student.Cells)
        {
            if (NbgraderCell.Read(cell) is not { } meta)
            {
                continue;
            }
            Assert.Equal(3, cell.Metadata["nbgrader"]!["schema_version"]!.GetValue<int>());
            Assert.Equal(CellChecksum.Compute(cell.Source, cell.CellType, meta with { Checksum = null }), meta.Checksum);
        }
        Assert.Equal("double z, o;\n// YOUR CODE HERE\nthrow new NotImplementedException();\nConsole.WriteLine($\"z = {z}, o = {o:F4}\");",
            ClassworkFiles.CellWithId(student, "answer").Source);
    }

    [Fact]
    public void The_checksum_ignores_line_endings_and_trailing_spaces_but_not_a_changed_character()
    {
        var meta = new NbgraderCell("check", true, false, true, 2, null);
        var checksum = CellChecksum.Compute("Check(a > 0, \"a\");\nCheck(b, \"b\");", "code", meta);

        Assert.Equal(64, checksum.Length);
        Assert.Equal(checksum, CellChecksum.Compute("Check(a > 0, \"a\");  \r\nCheck(b, \"b\");\n\n", "code", meta));
        Assert.NotEqual(checksum, CellChecksum.Compute("Check(a >= 0, \"a\");\nCheck(b, \"b\");", "code", meta));
        Assert.NotEqual(checksum, CellChecksum.Compute("Check(a > 0, \"a\");\nCheck(b, \"b\");", "code", meta with { Points = 3 }));
    }

    [Fact]
    public void A_broken_source_is_refused_with_every_problem_and_the_file_named()
    {
        using var temp = new TempFolder();
        var notebook = Ipynb.CreateCSharp();
        Mark(notebook.AddCodeCell("var x = 1;"), "setup", locked: true);
        Mark(notebook.AddCodeCell("// BEGIN SOLUTION\nx = 2;"), "answer", solution: true);
        Mark(notebook.AddCodeCell("x = 3;"), "answer", solution: true);
        Mark(notebook.AddCodeCell("Check(x == 2, \"x\");"), "check-x", grade: true, locked: true);
        Mark(notebook.AddCodeCell("Check(x > 0, \"x\");"), "check-unlocked", grade: true, points: 1);
        Mark(notebook.AddCodeCell("// BEGIN SOLUTION\nx = 4;\n// END SOLUTION"), "data", locked: true);
        Mark(notebook.AddCodeCell("// BEGIN HIDDEN TESTS\nCheck(x == 2, \"x\");\n// END HIDDEN TESTS"), "answer2", solution: true);
        notebook.AddCodeCell("// BEGIN SOLUTION\nx = 5;\n// END SOLUTION");
        var path = temp.File("broken.ipynb");
        notebook.Save(path);

        var error = Assert.Throws<ClassworkException>(() => ClassworkSource.Load(path));

        Assert.StartsWith(path + ":", error.Message);
        Assert.Equal(
            [
                "id 'answer' is used by more than one cell: 2, 3",
                "cell 2 'answer': line 1: // BEGIN SOLUTION is never closed by // END SOLUTION",
                "cell 3 'answer': is a solution cell without a // BEGIN SOLUTION region: the student version would give the answer away",
                "cell 4 'check-x': is graded but has no positive 'points'",
                "cell 5 'check-unlocked': is a test cell but not locked; set locked=true so grading restores it",
                "cell 6 'data': has // BEGIN SOLUTION but is not a solution cell (nbgrader solution=true)",
                "cell 7 'answer2': has // BEGIN HIDDEN TESTS but is not a test cell (nbgrader grade=true, locked=true)",
                "cell 7 'answer2': is a solution cell without a // BEGIN SOLUTION region: the student version would give the answer away",
                "cell 8: has // BEGIN SOLUTION but is not a solution cell (nbgrader solution=true)",
                "cell 2 'answer': declares no answers; start it with their declarations (e.g. 'double z, o;') or list them in its metadata: \"coursekit\": {\"answers\": {\"z\": \"double\"}}",
                "cell 3 'answer': declares no answers; start it with their declarations (e.g. 'double z, o;') or list them in its metadata: \"coursekit\": {\"answers\": {\"z\": \"double\"}}",
                "cell 7 'answer2': declares no answers; start it with their declarations (e.g. 'double z, o;') or list them in its metadata: \"coursekit\": {\"answers\": {\"z\": \"double\"}}",
            ],
            error.Problems);
    }

    [Fact]
    public void A_source_for_another_kernel_or_without_graded_cells_is_refused()
    {
        using var temp = new TempFolder();
        var notebook = Ipynb.CreateCSharp();
        notebook.Metadata["kernelspec"] = new JsonObject { ["name"] = "python3", ["display_name"] = "Python 3" };
        notebook.AddCodeCell("x = 1");
        var path = temp.File("python.ipynb");
        notebook.Save(path);

        var error = Assert.Throws<ClassworkException>(() => ClassworkSource.Load(path));

        Assert.Equal(
            ["the kernel is python3, expected .net-csharp",
             "no graded cells: mark at least one test cell with nbgrader grade=true, locked=true and points"],
            error.Problems);
    }

    [Fact]
    public void Malformed_json_is_refused_naming_the_file()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("torn.ipynb"), "{\"cells\": [");

        var error = Assert.Throws<ClassworkException>(() => ClassworkSource.Load(temp.File("torn.ipynb")));

        Assert.StartsWith($"{temp.File("torn.ipynb")}:\n  - malformed JSON", error.Message);
    }

    private static void Mark(IpynbCell cell, string id, bool grade = false, bool solution = false, bool locked = false, double? points = null) =>
        new NbgraderCell(id, grade, solution, locked, points, null).WriteTo(cell);
}
