using System.Net;
using CourseKit.Cli.Npm;

namespace CourseKit.Cli.Tests.Npm;

public class NpmRegistryTests
{
    private static readonly byte[] Tarball = FakeRegistry.Tarball(
        ("dist/lib.min.js", "var lib = 1;"), ("LICENSE", "MIT"), ("src/unused.js", "not wanted"));

    private static NpmPackage Pinned(params string[] files) =>
        new("@scope/lib", "1.2.3", NpmPackage.IntegrityOf(Tarball), files.Length > 0 ? files : ["dist/lib.min.js", "LICENSE"]);

    [Fact]
    public void A_package_is_asked_for_by_name_and_version_and_unpacked_into_a_folder_of_its_own()
    {
        var package = Pinned();
        Assert.Equal("https://registry.example/@scope/lib/1.2.3", package.MetadataUrl(FakeRegistry.Address).AbsoluteUri);
        Assert.Equal("https://mirror.example/npm/temml/0.13.5", new NpmPackage("temml", "0.13.5", "", []).MetadataUrl(new NpmRegistry(new HttpClient(), new Uri("https://mirror.example/npm")).Address).AbsoluteUri);
        Assert.Equal("scope-lib-1.2.3", package.FolderName);
        Assert.Equal("@scope/lib@1.2.3", package.Id);
        Assert.StartsWith("sha512-", package.Integrity);
    }

    [Fact]
    public async Task A_pinned_package_is_fetched_from_where_the_metadata_says_checked_unpacked_and_then_not_fetched_again()
    {
        using var temp = new TempFolder();
        var registry = new FakeRegistry();
        var package = Pinned();
        registry.Serve(package, Tarball, package.Integrity);
        var folder = temp.File("lib");

        Assert.True(await registry.Client().EnsureAsync(package, folder, CancellationToken.None));

        Assert.Equal(["https://registry.example/@scope/lib/1.2.3", "https://mirror.example/files/scope-lib-1.2.3.tgz"], registry.Asked);
        Assert.Equal("var lib = 1;", File.ReadAllText(Path.Combine(folder, "lib.min.js")));
        Assert.Equal("MIT", File.ReadAllText(Path.Combine(folder, "LICENSE")));
        Assert.False(File.Exists(Path.Combine(folder, "unused.js")));
        Assert.True(NpmRegistry.IsUnpacked(package, folder));
        Assert.False(NpmRegistry.IsUnpacked(package with { Version = "1.2.4", Integrity = "sha512-other" }, folder));

        Assert.False(await registry.Client().EnsureAsync(package, folder, CancellationToken.None));
        Assert.Equal(2, registry.Asked.Count);
    }

    [Fact]
    public async Task Bytes_other_than_the_pinned_ones_are_refused_and_nothing_is_unpacked()
    {
        using var temp = new TempFolder();
        var registry = new FakeRegistry();
        var package = Pinned();
        // A registry that lists no integrity and serves another tarball under the pinned name and version.
        registry.Serve(package, FakeRegistry.Tarball(("dist/lib.min.js", "evil()"), ("LICENSE", "MIT")), listedIntegrity: null);

        var e = await Assert.ThrowsAsync<NpmException>(() => registry.Client().EnsureAsync(package, temp.File("lib"), CancellationToken.None));

        Assert.Contains("https://mirror.example/files/scope-lib-1.2.3.tgz is not the pinned @scope/lib@1.2.3", e.Message);
        Assert.Contains(package.Integrity, e.Message);
        Assert.False(Directory.Exists(temp.File("lib")));
    }

    [Fact]
    public async Task A_registry_that_lists_another_integrity_is_refused_before_any_download()
    {
        using var temp = new TempFolder();
        var registry = new FakeRegistry();
        var package = Pinned();
        registry.Serve(package, Tarball, "sha512-somethingelse");

        var e = await Assert.ThrowsAsync<NpmException>(() => registry.Client().EnsureAsync(package, temp.File("lib"), CancellationToken.None));

        Assert.Equal($"the registry at https://registry.example/ lists @scope/lib@1.2.3 with integrity sha512-somethingelse; the kit pins {package.Integrity}", e.Message);
        Assert.Single(registry.Asked);
    }

    [Fact]
    public async Task An_unreachable_registry_or_an_error_answer_is_reported_with_the_address()
    {
        using var temp = new TempFolder();
        var package = Pinned();
        var unreachable = new FakeRegistry();
        unreachable.Answer(package.MetadataUrl(FakeRegistry.Address).AbsoluteUri, () => throw new HttpRequestException("Name or service not known"));
        var missing = new FakeRegistry();

        var offline = await Assert.ThrowsAsync<NpmException>(() => unreachable.Client().EnsureAsync(package, temp.File("lib"), CancellationToken.None));
        var notFound = await Assert.ThrowsAsync<NpmException>(() => missing.Client().EnsureAsync(package, temp.File("lib"), CancellationToken.None));

        Assert.Equal("could not reach https://registry.example/@scope/lib/1.2.3: Name or service not known", offline.Message);
        Assert.Equal("https://registry.example/@scope/lib/1.2.3 answered 404 Not Found", notFound.Message);
    }

    [Fact]
    public async Task Metadata_without_a_tarball_or_a_tarball_without_a_pinned_file_is_an_error()
    {
        using var temp = new TempFolder();
        var package = Pinned("dist/lib.min.js", "dist/missing.css");
        var registry = new FakeRegistry();
        registry.Serve(package, Tarball, package.Integrity);
        var garbled = new FakeRegistry();
        garbled.Answer(package.MetadataUrl(FakeRegistry.Address).AbsoluteUri,
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"dist": {"tarball": "ftp://x/y.tgz"}}""") });

        var missingFile = await Assert.ThrowsAsync<NpmException>(() => registry.Client().EnsureAsync(package, temp.File("lib"), CancellationToken.None));
        var noTarball = await Assert.ThrowsAsync<NpmException>(() => garbled.Client().EnsureAsync(package, temp.File("lib"), CancellationToken.None));

        Assert.Equal("@scope/lib@1.2.3 has no dist/missing.css in its tarball", missingFile.Message);
        Assert.False(Directory.Exists(temp.File("lib")));
        Assert.False(Directory.Exists(temp.File("lib.partial")));
        Assert.Equal("https://registry.example/@scope/lib/1.2.3 names no http(s) tarball (dist.tarball is \"ftp://x/y.tgz\")", noTarball.Message);
    }
}
