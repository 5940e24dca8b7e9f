namespace CourseKit.Cli;

/// <summary>Finds the `dotnet` executable that child processes should use.</summary>
internal static class DotnetHost
{
    /// <summary>The running host when this tool runs as `dotnet coursekit.dll`, else the one the SDK names, else `dotnet` on PATH.</summary>
    public static string Path
    {
        get
        {
            var current = Environment.ProcessPath;
            if (current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet")
            {
                return current;
            }
            var sdkHost = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return string.IsNullOrEmpty(sdkHost) ? "dotnet" : sdkHost;
        }
    }
}
