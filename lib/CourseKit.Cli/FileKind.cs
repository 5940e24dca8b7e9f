using System.Runtime.InteropServices;

namespace CourseKit.Cli;

/// <summary>What a path is, read with stat(2) or lstat(2). .NET reports a FIFO or a device as an ordinary empty file,
/// and reading one blocks or never ends, so a reader that must finish checks the kind first.</summary>
internal enum FileKind
{
    /// <summary>Nothing at that path.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A symbolic link (only when links are not followed).</summary>
    SymbolicLink,

    /// <summary>A FIFO, socket or device.</summary>
    Special,
}

/// <summary>Reads a path's <see cref="FileKind"/>.</summary>
internal static class FileKinds
{
    // .NET's own portable stat, exported by the runtime's System.Native library on Linux and macOS; its struct starts
    // with int32 Flags, int32 Mode (S_IFMT bits as below).
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern unsafe int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern unsafe int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* status);

    /// <summary>The kind of <paramref name="path"/>; with <paramref name="followLinks"/> false a link is reported as a link.</summary>
    public static unsafe FileKind Of(string path, bool followLinks)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            return info.Exists ? (info.LinkTarget is not null && !followLinks ? FileKind.SymbolicLink : FileKind.Regular)
                : System.IO.Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
        }
        var status = stackalloc byte[512];
        if ((followLinks ? Stat(path, status) : LStat(path, status)) != 0)
        {
            return FileKind.Missing;
        }
        var mode = *(int*)(status + 4) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Special,
        };
    }
}
