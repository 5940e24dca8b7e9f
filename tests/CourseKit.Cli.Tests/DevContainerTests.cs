using System.Text.Json;
using System.Text.Json.Nodes;
using CourseKit.Cli.Tests.Classwork;

namespace CourseKit.Cli.Tests;

/// <summary>The dev container names an image that exists and sets up what a student needs, and only that.</summary>
public class DevContainerTests
{
    [Fact]
    public void The_dev_container_uses_a_dotnet_10_image_and_installs_the_sandbox_jupyter_and_the_kit()
    {
        var text = File.ReadAllText(Path.Combine(ClassworkFiles.RepoRoot, ".devcontainer", "devcontainer.json"));
        var config = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;

        // The .NET 10 images are Ubuntu Noble; there is no bookworm tag for .NET 10.
        Assert.Contains(config["image"]!.GetValue<string>(), new[] { "mcr.microsoft.com/devcontainers/dotnet:10.0", "mcr.microsoft.com/devcontainers/dotnet:10.0-noble" });
        var setup = config["postCreateCommand"]!.GetValue<string>();
        Assert.Contains("apt-get install -y bubblewrap jupyter-notebook", setup);
        Assert.Contains("-- setup", setup);
        Assert.Contains("-- jupyter install", setup);
        Assert.DoesNotContain("dotnet build", setup);   // students need the kit, not the benchmarks
    }
}
