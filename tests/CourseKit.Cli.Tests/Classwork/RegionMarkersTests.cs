using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

public class RegionMarkersTests
{
    [Fact]
    public void A_solution_region_becomes_your_code_here_and_a_throw_at_its_indentation()
    {
        var source = "double z;\nif (true)\n{\n    // BEGIN SOLUTION\n    z = 1;\n    z += 2;\n    // END SOLUTION\n}\nConsole.WriteLine(z);";

        var student = RegionMarkers.ReplaceSolutions(source);

        Assert.Equal("double z;\nif (true)\n{\n    // YOUR CODE HERE\n    throw new NotImplementedException();\n}\nConsole.WriteLine(z);", student);
    }

    [Fact]
    public void Hidden_tests_are_removed_for_students_and_unmarked_for_grading()
    {
        var source = "Check(a > 0, \"a\");\n// BEGIN HIDDEN TESTS\nCheck(a == 42, \"secret\");\n// END HIDDEN TESTS\n";

        Assert.Equal("Check(a > 0, \"a\");\n", RegionMarkers.RemoveHiddenTests(source));
        Assert.Equal("Check(a > 0, \"a\");\nCheck(a == 42, \"secret\");\n", RegionMarkers.UnmarkHiddenTests(source));
    }

    [Fact]
    public void Markers_allow_spacing_but_must_be_alone_on_their_line()
    {
        Assert.True(RegionMarkers.Contains("  //BEGIN SOLUTION  \nx\n//   END SOLUTION", RegionMarkers.Kind.Solution));
        Assert.False(RegionMarkers.Contains("x = 1; // BEGIN SOLUTION", RegionMarkers.Kind.Solution));
    }

    [Theory]
    [InlineData("// BEGIN SOLUTION\nx = 1;", "line 1: // BEGIN SOLUTION is never closed by // END SOLUTION")]
    [InlineData("x = 1;\n// END SOLUTION", "line 2: // END SOLUTION without a // BEGIN SOLUTION before it")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS\n// END SOLUTION",
        "line 2: // BEGIN HIDDEN TESTS inside the // BEGIN SOLUTION region opened on line 1")]
    public void Badly_formed_regions_are_reported_with_their_line(string source, string problem)
    {
        Assert.Contains(problem, RegionMarkers.Problems(source));
    }

    [Fact]
    public void Well_formed_regions_have_no_problems()
    {
        Assert.Empty(RegionMarkers.Problems("a\n// BEGIN SOLUTION\nb\n// END SOLUTION\n// BEGIN SOLUTION\nc\n// END SOLUTION\n"));
    }
}
