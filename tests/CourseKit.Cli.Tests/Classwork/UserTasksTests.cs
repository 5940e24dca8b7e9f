using System.Diagnostics;
using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>A grading slot starts a student's sandbox only once nothing of the last one with its uid is alive.</summary>
public class UserTasksTests
{
    // No grading slot's and not the probe's.
    private const int Uid = Sandbox.ProbeUid - 1;

    [RootSandboxFact]
    public async Task Waiting_for_a_uid_ends_when_its_last_process_does_and_not_before()
    {
        using var sleeper = Process.Start("setpriv", [$"--reuid={Uid}", $"--regid={Uid}", "--clear-groups", "--", "sleep", "2"])!;
        await EventuallyAsync(() => UserTasks.Count(Uid) == 1);

        Assert.False(await UserTasks.WaitUntilNoneAsync(Uid, TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.False(sleeper.HasExited);
        Assert.True(await UserTasks.WaitUntilNoneAsync(Uid, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.True(sleeper.WaitForExit(5000));
    }

    [RootSandboxFact]
    public async Task A_zombie_counts_toward_the_limit_but_is_not_waited_for()
    {
        // A child of the uid that has ended, under a parent (root's) that never reaps it.
        using var parent = Process.Start("sh", ["-c", $"setpriv --reuid={Uid} --regid={Uid} --clear-groups -- true & exec sleep 3"])!;
        try
        {
            await EventuallyAsync(() => UserTasks.Count(Uid) == 1);
            var clock = Stopwatch.StartNew();
            Assert.True(await UserTasks.WaitUntilNoneAsync(Uid, TimeSpan.FromSeconds(30), CancellationToken.None));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"waited {clock.Elapsed.TotalSeconds:0.0} s for a zombie");
            Assert.Equal(1, UserTasks.Count(Uid));
        }
        finally
        {
            parent.Kill();
            await parent.WaitForExitAsync();
        }
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var clock = Stopwatch.StartNew(); !condition(); await Task.Delay(20))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the process as the test's uid did not show up");
        }
    }
}
