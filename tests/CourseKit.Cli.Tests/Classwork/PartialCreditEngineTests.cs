using System.Text.Json.Nodes;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>A partial-credit check in the real engine: the Adam classwork gives one point for each right quantity.</summary>
[Collection(EngineCollection.Name)]
public class PartialCreditEngineTests : IAsyncLifetime
{
    public Task InitializeAsync() => KitFixture.EnsureAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Forgetting_the_bias_correction_earns_the_points_of_m_and_v_only()
    {
        using var temp = new TempFolder();
        var source = ClassworkFiles.Shipped("06-adam-step");
        var stdout = new StringWriter();
        Assert.Equal(0, await Program.RunAsync(["assign", source, "--out", temp.File("out")], temp.Path, stdout, stdout, CancellationToken.None));
        var notebook = Ipynb.Load(temp.File("out/release/06-adam-step.ipynb"));
        var answer = ClassworkFiles.CellWithId(notebook, "answer");
        answer.Source = answer.Source.Replace(CourseKit.Cli.Classwork.RegionMarkers.NotImplemented, """
            m = Add(Map(mPrev, a => beta1 * a), Map(grad, q => (1 - beta1) * q));
            v = Add(Map(vPrev, a => beta2 * a), Map(grad, q => (1 - beta2) * q * q));
            mHat = m;
            vHat = v;
            thetaNew = Enumerable.Range(0, 3).Select(k => theta[k] - lr * mHat[k] / (Math.Sqrt(vHat[k]) + eps)).ToArray();
            """);
        Directory.CreateDirectory(temp.File("submitted"));
        notebook.Save(temp.File("submitted/dana.ipynb"));

        var exit = await Program.RunAsync(["grade", source, temp.File("submitted"), "--out", temp.File("graded"), .. ClassworkFiles.SandboxOption],
            temp.Path, stdout, stdout, CancellationToken.None);

        Assert.Equal(0, exit);
        var dana = JsonNode.Parse(File.ReadAllText(temp.File("graded/gradebook.json")))!["students"]![0]!;
        Assert.Equal(3, dana["total"]!.GetValue<double>());
        Assert.Equal(6, dana["max_points"]!.GetValue<double>());
        Assert.Equal(1, dana["items"]!["check-shapes"]!["points"]!.GetValue<double>());
        Assert.Equal(2, dana["items"]!["check-values"]!["points"]!.GetValue<double>());
        Assert.Equal("partial credit: 2 points of 5", dana["items"]!["check-values"]!["message"]!.GetValue<string>());
        var feedback = File.ReadAllText(temp.File("graded/feedback/dana.html"));
        Assert.DoesNotContain("mHatExpected", feedback);
        Assert.DoesNotContain("partial credit: 2\n", feedback);
    }
}
