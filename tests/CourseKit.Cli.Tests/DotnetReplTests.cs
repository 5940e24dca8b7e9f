using System.Text.Json.Nodes;

namespace CourseKit.Cli.Tests;

public class DotnetReplTests
{
    [Fact]
    public void The_packages_folder_is_NUGET_PACKAGES_when_set_else_under_home()
    {
        Assert.Equal("/cache/nuget", DotnetRepl.PackagesFolder(name => name == "NUGET_PACKAGES" ? "/cache/nuget" : null, "/home/u"));
        Assert.Equal(Path.Combine("/home/u", ".nuget", "packages"), DotnetRepl.PackagesFolder(_ => null, "/home/u"));
        Assert.Equal(Path.Combine("/home/u", ".nuget", "packages"), DotnetRepl.PackagesFolder(_ => " ", "/home/u"));
    }

    [Fact]
    public void The_entry_point_is_the_net10_tool_dll_of_the_pinned_version()
    {
        Assert.Equal("/p/dotnet-repl/0.3.259/tools/net10.0/any/dotnet-repl.dll", DotnetRepl.EntryPoint("/p"));
    }

    [Fact]
    public void The_pinned_version_matches_the_repository_tool_manifest()
    {
        var root = RepoLocator.Find(AppContext.BaseDirectory)!;
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, ".config", "dotnet-tools.json")))!;

        Assert.Equal(DotnetRepl.Version, manifest["tools"]!["dotnet-repl"]!["version"]!.GetValue<string>());
    }
}
