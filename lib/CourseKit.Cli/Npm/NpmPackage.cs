using System.Security.Cryptography;

namespace CourseKit.Cli.Npm;

/// <summary>
/// One pinned package of the npm registry: name, version, the sha512 integrity the registry publishes for its tarball
/// (the <c>dist.integrity</c> of its metadata, as in a package-lock.json) and the files of the tarball the kit uses.
/// The download must match the pin, so neither a registry nor a mirror can hand over other bytes.
/// </summary>
/// <param name="Name">The package name, scoped or not: <c>temml</c>, <c>@fontsource/noto-sans-math</c>.</param>
/// <param name="Version">The exact version.</param>
/// <param name="Integrity">Subresource-integrity form: <c>sha512-</c> and the base64 digest of the .tgz.</param>
/// <param name="Files">Paths inside the tarball's <c>package/</c> folder, e.g. <c>dist/temml.min.js</c>; each is
/// unpacked under its file name, so the names must differ.</param>
public sealed record NpmPackage(string Name, string Version, string Integrity, IReadOnlyList<string> Files)
{
    private const string Sha512Prefix = "sha512-";

    /// <summary>"name@version", as npm writes it.</summary>
    public string Id => $"{Name}@{Version}";

    /// <summary>The folder name the package is unpacked into: <c>temml-0.13.5</c>, <c>fontsource-noto-sans-math-5.3.0</c>.</summary>
    public string FolderName => $"{Name.TrimStart('@').Replace('/', '-')}-{Version}";

    /// <summary>The registry's metadata document of this version (it names the tarball and its integrity).</summary>
    public Uri MetadataUrl(Uri registry) => new(registry, $"{Name}/{Version}");

    /// <summary>Whether <paramref name="tarball"/> has the pinned sha512 digest.</summary>
    public bool Matches(ReadOnlySpan<byte> tarball) => IntegrityOf(tarball) == Integrity;

    /// <summary>The integrity string of some bytes: <c>sha512-</c> and their base64 digest.</summary>
    public static string IntegrityOf(ReadOnlySpan<byte> bytes) => Sha512Prefix + Convert.ToBase64String(SHA512.HashData(bytes));
}
