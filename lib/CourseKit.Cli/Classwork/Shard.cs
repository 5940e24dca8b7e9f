using System.Security.Cryptography;
using System.Text;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// Which of N fixed shares of a class a student belongs to: from a hash of the id, so a student stays in the same
/// share however the class list grows, and every machine of a cluster agrees without talking to the others.
/// </summary>
internal static class Shard
{
    /// <summary>The share (1 … <paramref name="count"/>) of <paramref name="student"/>.</summary>
    public static int Of(string student, int count) =>
        (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(student)), 0) % (uint)count) + 1;
}
