using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Worker;

// The notebook worker. Its parent (coursekit run, coursekit grade) starts it in the notebook's folder, waits for
// "ready", then sends cells one at a time; see WorkerProtocol for the messages.
var clock = Stopwatch.StartNew();
// The pages made from this worker's notebooks load plotly.js from a file beside them: no need to send it into the session.
Environment.SetEnvironmentVariable(CourseKit.Interactive.Charts.PlotlyInSession.HeadlessVariable, "1");
using var channel = ProtocolChannel.TakeStandardStreams();
using var host = new KernelHost(channel);
channel.Send(new JsonObject
{
    [WorkerProtocol.Event] = WorkerProtocol.Ready,
    [WorkerProtocol.Seconds] = Math.Round(clock.Elapsed.TotalSeconds, 4),
});

while (await channel.ReceiveAsync() is { } request)
{
    switch (request[WorkerProtocol.Op]?.GetValue<string>())
    {
        case WorkerProtocol.Run:
            await host.RunCellAsync(request[WorkerProtocol.Cell]!.GetValue<int>(), request[WorkerProtocol.Code]!.GetValue<string>());
            break;
        case WorkerProtocol.Open:
            var opening = Stopwatch.StartNew();
            host.Open(request[WorkerProtocol.Folder]!.GetValue<string>());
            channel.Send(new JsonObject
            {
                [WorkerProtocol.Event] = WorkerProtocol.Ready,
                [WorkerProtocol.Seconds] = Math.Round(opening.Elapsed.TotalSeconds, 4),
            });
            break;
        case WorkerProtocol.Values:
            var (values, problems) = host.ReadValues(request[WorkerProtocol.Names]!.AsArray().Select(n => n!.GetValue<string>()));
            channel.Send(new JsonObject
            {
                [WorkerProtocol.Event] = WorkerProtocol.Values,
                [WorkerProtocol.Values] = values,
                [WorkerProtocol.Problems] = problems,
            });
            break;
        case WorkerProtocol.Set:
            var refused = await host.SetValuesAsync(request[WorkerProtocol.Values]!.AsObject());
            channel.Send(new JsonObject { [WorkerProtocol.Event] = WorkerProtocol.Set, [WorkerProtocol.Problems] = refused });
            break;
        default:
            throw new InvalidDataException($"unknown request: {request.ToJsonString()}");
    }
}
return 0;
