namespace CourseKit.Cli.Classwork;

/// <summary>
/// Reads a submitted file the safe way: never through a symbolic link, never a FIFO, socket or device (reading one
/// blocks or never ends), never more than a size limit. What is refused comes back as the reason, for the gradebook.
/// </summary>
internal static class SubmissionFile
{
    /// <summary>The default largest submission read: 20 MB, far above any notebook of answers.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>The file's text, or why it was not read.</summary>
    public static (string? Text, string? Problem) Read(string path, long maxBytes)
    {
        var (bytes, problem) = ReadBytes(path, maxBytes);
        return (bytes is null ? null : new System.Text.UTF8Encoding(false).GetString(bytes), problem);
    }

    /// <summary>The file's bytes, or why they were not read.</summary>
    public static (byte[]? Bytes, string? Problem) ReadBytes(string path, long maxBytes)
    {
        switch (FileKinds.Of(path, followLinks: false))
        {
            case FileKind.SymbolicLink:
                return (null, "is a symbolic link; links are not followed");
            case FileKind.Special:
                return (null, "is not a regular file (a FIFO, socket or device)");
            case FileKind.Directory:
                return (null, "is a folder, not a notebook");
            case FileKind.Missing:
                return (null, "does not exist");
        }
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var length = RandomAccess.GetLength(handle);
            if (length > maxBytes)
            {
                return (null, $"is {Megabytes(length)} MB, over the limit of {Megabytes(maxBytes)} MB (--max-size)");
            }
            // Read at most one byte past the limit: a file that grows while it is read is still refused.
            var buffer = new byte[Math.Min(maxBytes, length) + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0)
            {
                total += read;
            }
            if (total > maxBytes)
            {
                return (null, $"is over the limit of {Megabytes(maxBytes)} MB (--max-size)");
            }
            return (buffer[..total], null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>True when <paramref name="path"/> is a real folder, not a link to one.</summary>
    public static bool IsRealFolder(string path) => FileKinds.Of(path, followLinks: false) == FileKind.Directory;

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
