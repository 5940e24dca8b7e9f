using System.Diagnostics;
using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>
/// Grading slots claim their sandbox uids against every other grading run on the machine, so that one run's limit on
/// processes (counted per uid) is never another's: a fork bomb in one teacher's run cannot stop another run's students.
/// </summary>
public class SandboxUidsTests
{
    [Fact]
    public void Slots_of_one_process_get_different_sets_and_a_released_set_is_claimed_again()
    {
        using var temp = new TempFolder();
        var locks = temp.File("locks");
        var first = SandboxUids.Claim(locks);
        using var second = SandboxUids.Claim(locks);

        Assert.Equal([Sandbox.FirstUid, Sandbox.FirstUid + 1], first.Students);
        Assert.Equal(Sandbox.FirstUid + 2, first.Checker);
        Assert.Equal([Sandbox.FirstUid + 3, Sandbox.FirstUid + 4], second.Students);
        Assert.Equal(Sandbox.FirstUid + 5, second.Checker);
        Assert.True(second.IsClaimed);
        Assert.False(SandboxUids.Unclaimed(0).IsClaimed);
        first.Dispose();
        using var third = SandboxUids.Claim(locks);
        Assert.Equal(Sandbox.FirstUid, third.Students[0]);
    }

    [Fact]
    public async Task A_set_another_process_holds_is_skipped_until_that_process_ends()
    {
        using var temp = new TempFolder();
        var locks = temp.File("locks");
        Directory.CreateDirectory(locks);
        // util-linux's flock takes the same kind of lock (flock(2)) as another grading run's FileShare.None. --close keeps
        // the lock in flock itself, not in the shell it starts, so the lock is gone once the process waited for has exited.
        var info = new ProcessStartInfo("flock", ["--exclusive", "--close", Path.Combine(locks, $"uids-{Sandbox.FirstUid}.lock"), "-c", "echo locked; sleep 60"])
        {
            RedirectStandardOutput = true,
        };
        using var other = Process.Start(info)!;
        try
        {
            Assert.Equal("locked", await other.StandardOutput.ReadLineAsync());
            using (var claimed = SandboxUids.Claim(locks))
            {
                Assert.Equal(Sandbox.FirstUid + SandboxUids.PerSet, claimed.Students[0]);
            }
        }
        finally
        {
            other.Kill(entireProcessTree: true);
            await other.WaitForExitAsync();
        }
        using var afterwards = SandboxUids.Claim(locks);
        Assert.Equal(Sandbox.FirstUid, afterwards.Students[0]);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_lock_folder_is_closed_to_everyone_but_its_owner()
    {
        using var temp = new TempFolder();
        var locks = temp.File("locks");
        Directory.CreateDirectory(locks);
        File.SetUnixFileMode(locks, (UnixFileMode)0b111_111_111);

        using var claimed = SandboxUids.Claim(locks);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(locks));
    }

    [Fact]
    public void When_every_set_is_taken_the_error_says_so_and_names_the_lock_folder()
    {
        using var temp = new TempFolder();
        var locks = temp.File("locks");
        var held = Enumerable.Range(0, SandboxUids.Sets).Select(_ => SandboxUids.Claim(locks)).ToList();
        try
        {
            Assert.Equal(Sandbox.FirstUid + SandboxUids.PerSet * (SandboxUids.Sets - 1), held[^1].Students[0]);
            var error = Assert.Throws<InvalidOperationException>(() => SandboxUids.Claim(locks));
            Assert.Contains($"All {SandboxUids.Sets} sets of sandbox user ids", error.Message);
            Assert.Contains(locks, error.Message);
        }
        finally
        {
            held.ForEach(h => h.Dispose());
        }
    }
}
