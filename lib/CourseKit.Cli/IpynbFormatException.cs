namespace CourseKit.Cli;

/// <summary>The file is not valid JSON or not an nbformat-4 notebook; the message names the problem.</summary>
public sealed class IpynbFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong.</summary>
    public IpynbFormatException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
