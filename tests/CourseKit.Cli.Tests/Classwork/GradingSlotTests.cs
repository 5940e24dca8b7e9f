using CourseKit.Cli.Classwork;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>
/// A grading slot starts the next student's worker while the current student's notebook runs. The limit on processes
/// counts per user id, so the two must not share one: a fork bomb that holds every process it may have would
/// otherwise leave the next (honest) student's worker without a thread to start.
/// </summary>
public class GradingSlotTests : IAsyncLifetime
{
    private static readonly TimeSpan CellTime = TimeSpan.FromSeconds(60);

    // Starts sleeping processes until the sandbox's limit refuses one, and keeps them.
    private const string ForkBomb = """
        var held = new System.Collections.Generic.List<System.Diagnostics.Process>();
        try { for (var k = 0; k < 2000; k++) held.Add(System.Diagnostics.Process.Start("/bin/sleep", "120")!); }
        catch (System.ComponentModel.Win32Exception) { }
        if (held.Count < 100) throw new System.Exception($"only {held.Count} processes started");
        """;

    // What any notebook's engine does now and then: start threads.
    private const string StartsThreads = """
        var threads = System.Linq.Enumerable.Range(0, 20).Select(_ => new System.Threading.Thread(() => System.Threading.Thread.Sleep(50))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        """;

    private const string ReadsUid = """
        var uid = int.Parse(System.IO.File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t')[1]);
        """;

    public Task InitializeAsync() => KitFixture.EnsureAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [RootSandboxFact]
    public async Task The_next_students_worker_runs_while_a_fork_bomb_holds_every_process_of_the_current_one()
    {
        var cancel = CancellationToken.None;
        await using var slot = await GradingSlot.CreateAsync(0, Sandbox.Detect(), [], 1024, cancel);

        var attackerPool = await slot.TakeStudentWorkerAsync(cancel);   // the next student's worker starts now
        var attacker = await AcquireAsync(attackerPool, slot);
        Assert.True(await attacker.RunHiddenAsync(ForkBomb, CellTime, cancel), "the fork bomb did not run" + attacker.StandardErrorSummary());

        await using (var honestPool = await slot.TakeStudentWorkerAsync(cancel))
        {
            var honest = await AcquireAsync(honestPool, slot);
            Assert.True(await honest.RunHiddenAsync(StartsThreads, CellTime, cancel),
                "the worker started beside the fork bomb could not start threads" + honest.StandardErrorSummary());
            var (attackerUid, honestUid) = (await UidAsync(attacker), await UidAsync(honest));
            Assert.NotEqual(attackerUid, honestUid);
            await honestPool.ReturnAsync(honest, reusable: false);

            // The worker after that runs as the attacker's uid again: it starts only once the bomb's processes are gone.
            await attackerPool.ReturnAsync(attacker, reusable: false);
            await attackerPool.DisposeAsync();
            await using var nextPool = await slot.TakeStudentWorkerAsync(cancel);
            var next = await AcquireAsync(nextPool, slot);
            Assert.True(await next.RunHiddenAsync(StartsThreads, CellTime, cancel), "the worker after the fork bomb could not start threads");
            Assert.Equal(attackerUid, await UidAsync(next));
            await nextPool.ReturnAsync(next, reusable: false);
        }
    }

    private static async Task<WorkerProcess> AcquireAsync(WorkerPool pool, GradingSlot slot)
    {
        var (worker, error) = await pool.AcquireAsync(slot.StudentFolder, CancellationToken.None);
        Assert.True(worker is not null, error);
        return worker!;
    }

    private static async Task<string> UidAsync(WorkerProcess worker)
    {
        Assert.True(await worker.RunHiddenAsync(ReadsUid, CellTime, CancellationToken.None));
        var values = await worker.RequestValuesAsync(["uid"], CellTime, CancellationToken.None);
        return values!.Values!["uid"]!.ToJsonString();
    }
}
