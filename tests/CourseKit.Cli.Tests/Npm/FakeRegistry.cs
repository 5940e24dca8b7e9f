using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Cli.Npm;

namespace CourseKit.Cli.Tests.Npm;

/// <summary>An npm registry in memory: fixed answers per URL, a record of what was asked, and tarballs built on the spot.</summary>
internal sealed class FakeRegistry : HttpMessageHandler
{
    public static readonly Uri Address = new("https://registry.example/");

    private readonly Dictionary<string, Func<HttpResponseMessage>> _answers = [];

    public List<string> Asked { get; } = [];

    /// <summary>Serves <paramref name="tarball"/> at a mirror's address, and metadata pointing there (listing <paramref name="listedIntegrity"/>).</summary>
    public void Serve(NpmPackage package, byte[] tarball, string? listedIntegrity)
    {
        var tarballUrl = $"https://mirror.example/files/{package.FolderName}.tgz";
        var dist = new JsonObject { ["tarball"] = tarballUrl };
        if (listedIntegrity is not null)
        {
            dist["integrity"] = listedIntegrity;
        }
        var metadata = new JsonObject { ["name"] = package.Name, ["version"] = package.Version, ["dist"] = dist };
        Answer(package.MetadataUrl(Address).AbsoluteUri, () => Ok(Encoding.UTF8.GetBytes(metadata.ToJsonString())));
        Answer(tarballUrl, () => Ok(tarball));
    }

    public void Answer(string url, Func<HttpResponseMessage> answer) => _answers[url] = answer;

    public NpmRegistry Client() => new(new HttpClient(this, disposeHandler: false), Address);

    /// <summary>An npm-style .tgz: every file below one "package/" folder.</summary>
    public static byte[] Tarball(params (string Path, string Text)[] files)
    {
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            foreach (var (path, text) in files)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "package/" + path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
            }
        }
        return bytes.ToArray();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        Asked.Add(url);
        return Task.FromResult(_answers.TryGetValue(url, out var answer) ? answer() : new HttpResponseMessage(HttpStatusCode.NotFound));
    }

    private static HttpResponseMessage Ok(byte[] body) => new(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
}
