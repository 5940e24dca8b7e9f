using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace CourseKit.Cli.Npm;

/// <summary>
/// Fetches pinned packages from an npm registry over plain HTTP (no node or npm needed) and unpacks the files the kit
/// uses. The tarball's address comes from the registry's metadata, so a mirror works too; its bytes must match the pin
/// before anything is unpacked. A package already unpacked from the same pin is not fetched again.
/// </summary>
public sealed class NpmRegistry(HttpClient http, Uri address)
{
    /// <summary>npm's public registry.</summary>
    public static readonly Uri Public = new("https://registry.npmjs.org/");

    // Far above any package the kit pins (the largest is 0.6 MB), far below what could fill a disk.
    private const int MaxDownloadBytes = 32 << 20;

    // Written last into an unpacked folder: its pin, so a changed pin fetches again.
    private const string StampFile = ".integrity";

    /// <summary>The registry's base address, ending in a slash.</summary>
    public Uri Address { get; } = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");

    /// <summary>
    /// The registry npm itself would use: <c>npm_config_registry</c> (npm's setting for a mirror) when set, else the public one.
    /// </summary>
    /// <exception cref="NpmException">The setting is not an http(s) address.</exception>
    public static Uri FromEnvironment()
    {
        var configured = Environment.GetEnvironmentVariable("npm_config_registry") ?? Environment.GetEnvironmentVariable("NPM_CONFIG_REGISTRY");
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Public;
        }
        return Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new NpmException($"npm_config_registry is \"{configured}\", which is not an http(s) address");
    }

    /// <summary>Whether <paramref name="folder"/> holds every file of <paramref name="package"/>, unpacked from its pin.</summary>
    public static bool IsUnpacked(NpmPackage package, string folder)
    {
        var stamp = Path.Combine(folder, StampFile);
        return File.Exists(stamp) && File.ReadAllText(stamp).Trim() == package.Integrity
               && package.Files.All(f => File.Exists(Path.Combine(folder, Path.GetFileName(f))));
    }

    /// <summary>
    /// Makes <paramref name="folder"/> hold the package's files (each under its file name). Returns false when they were
    /// already there, true when it downloaded them.
    /// </summary>
    /// <exception cref="NpmException">The registry could not be reached, answered with an error, or served other bytes.</exception>
    public async Task<bool> EnsureAsync(NpmPackage package, string folder, CancellationToken cancellationToken)
    {
        if (IsUnpacked(package, folder))
        {
            return false;
        }
        var tarballUrl = await TarballUrlAsync(package, cancellationToken);
        var tarball = await GetBytesAsync(tarballUrl, cancellationToken);
        if (!package.Matches(tarball))
        {
            throw new NpmException(
                $"{tarballUrl} is not the pinned {package.Id}: its digest is {NpmPackage.IntegrityOf(tarball)}, the kit pins {package.Integrity}");
        }
        Unpack(package, tarball, folder);
        return true;
    }

    private async Task<Uri> TarballUrlAsync(NpmPackage package, CancellationToken cancellationToken)
    {
        var url = package.MetadataUrl(Address);
        var bytes = await GetBytesAsync(url, cancellationToken);
        string? tarball, integrity;
        try
        {
            using var metadata = JsonDocument.Parse(bytes);
            var dist = metadata.RootElement.GetProperty("dist");
            tarball = dist.TryGetProperty("tarball", out var t) ? t.GetString() : null;
            integrity = dist.TryGetProperty("integrity", out var i) ? i.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new NpmException($"{url} is not npm package metadata (no \"dist\" object): {e.Message}", e);
        }
        // The registry's own record of the pin: a mismatch here says "wrong package", before a download says "wrong bytes".
        if (integrity is not null && integrity != package.Integrity)
        {
            throw new NpmException($"the registry at {Address} lists {package.Id} with integrity {integrity}; the kit pins {package.Integrity}");
        }
        return Uri.TryCreate(tarball, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new NpmException($"{url} names no http(s) tarball (dist.tarball is \"{tarball}\")");
    }

    private async Task<byte[]> GetBytesAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new NpmException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > MaxDownloadBytes)
                {
                    throw new NpmException($"{url} sent more than {MaxDownloadBytes >> 20} MB");
                }
                copy.Write(buffer, 0, read);
            }
            return copy.ToArray();
        }
        catch (HttpRequestException e)
        {
            throw new NpmException($"could not reach {url}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NpmException($"{url} did not answer within {http.Timeout.TotalSeconds:0} s", e);
        }
    }

    // The bytes are the pinned ones by now, so unpacking reads only what the pin vouches for. The files go to a staging
    // folder first: an interrupted set-up leaves no half-unpacked package that looks complete.
    private static void Unpack(NpmPackage package, byte[] tarball, string folder)
    {
        // npm tarballs hold one top folder, "package/" for nearly all; match below it, whatever its name.
        var wanted = package.Files.ToDictionary(f => f, f => Path.GetFileName(f));
        var staging = folder + ".partial";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        Directory.CreateDirectory(staging);
        using (var tar = new TarReader(new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress)))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                var slash = entry.Name.IndexOf('/');
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && slash > 0
                    && wanted.Remove(entry.Name[(slash + 1)..], out var name))
                {
                    entry.ExtractToFile(Path.Combine(staging, name), overwrite: true);
                }
            }
        }
        if (wanted.Count > 0)
        {
            Directory.Delete(staging, recursive: true);
            throw new NpmException($"{package.Id} has no {string.Join(", ", wanted.Keys)} in its tarball");
        }
        File.WriteAllText(Path.Combine(staging, StampFile), package.Integrity + "\n");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.Move(staging, folder);
    }
}
