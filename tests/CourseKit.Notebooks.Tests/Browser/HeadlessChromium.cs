using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace CourseKit.Notebooks.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, with the network off: every host name fails to resolve and any request that still
/// tried would go to a proxy on a closed port. The test drives it over the DevTools protocol, which reports every
/// request a page makes (file:// ones too) and reads the rendered page.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(60);

    // After the load event, a page counts as settled once it has asked for nothing new this long (late fonts, say).
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    // Visible text outside code, preformatted text and MathML; display:none takes an element out of innerText.
    private const string ReadPage = """
        (() => {
          const hide = document.createElement("style");
          hide.textContent = "pre, code, math { display: none !important; }";
          document.head.appendChild(hide);
          const text = document.body.innerText;
          hide.remove();
          const marks = Array.from(document.querySelectorAll("span.math, div.math"));
          const navigation = performance.getEntriesByType("navigation")[0];
          return JSON.stringify({
            text: text,
            formulas: marks.length,
            typeset: marks.filter(m => m.querySelector("math") !== null).length,
            load: navigation ? navigation.loadEventEnd : -1
          });
        })()
        """;

    private readonly Process _process;
    private readonly string _profile;
    private readonly DevToolsConnection _devTools;
    private readonly string _session;
    private readonly ConcurrentQueue<(string Method, JsonElement Parameters)> _events = new();

    private HeadlessChromium(Process process, string profile, DevToolsConnection devTools, string session)
    {
        _process = process;
        _profile = profile;
        _devTools = devTools;
        _session = session;
        _devTools.Event += (method, parameters, session) =>
        {
            if (session == _session)
            {
                _events.Enqueue((method, parameters));
            }
        };
    }

    /// <summary>The browser on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
        .FirstOrDefault(File.Exists);

    public static async Task<HeadlessChromium> StartAsync()
    {
        var executable = Find() ?? throw new InvalidOperationException("no Chromium on PATH");
        var profile = Directory.CreateTempSubdirectory("coursekit-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--remote-debugging-port=0", $"--user-data-dir={profile}",
            // The network, off: no name resolves, and a request that gets past that meets a proxy on a closed port.
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
            // The browser's own traffic (updates, field trials) is no page's doing: keep it out of the picture.
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--window-size=1280,900", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        // Chromium logs to stderr; nobody reads it, so drain it.
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var endpoint = await DevToolsEndpointAsync(profile, process);
            var devTools = await DevToolsConnection.ConnectAsync(endpoint);
            var target = await devTools.SendAsync("Target.createTarget", new { url = "about:blank" });
            var attached = await devTools.SendAsync("Target.attachToTarget", new { targetId = target.GetProperty("targetId").GetString(), flatten = true });
            var session = attached.GetProperty("sessionId").GetString()!;
            var browser = new HeadlessChromium(process, profile, devTools, session);
            foreach (var domain in new[] { "Page.enable", "Network.enable", "Runtime.enable", "Log.enable" })
            {
                await devTools.SendAsync(domain, null, session);
            }
            await devTools.SendAsync("Network.setCacheDisabled", new { cacheDisabled = true }, session);
            return browser;
        }
        catch
        {
            Stop(process, profile);
            throw;
        }
    }

    // With --remote-debugging-port=0 Chromium picks a free port and writes it, with the browser's path, into the profile.
    private static async Task<Uri> DevToolsEndpointAsync(string profile, Process process)
    {
        var file = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Chromium exited with code {process.ExitCode} before it listened for DevTools");
            }
            if (File.Exists(file) && File.ReadAllLines(file) is [var port, var path, ..])
            {
                return new Uri($"ws://127.0.0.1:{port}{path}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Chromium wrote no {file} within {StartTimeout.TotalSeconds} s");
    }

    /// <summary>Loads the page, waits until it has settled, and reports what it asked for and what it shows.</summary>
    /// <param name="screenshot">Where to save a PNG of the whole page, or null.</param>
    public async Task<PageVisit> VisitAsync(string path, string? screenshot = null)
    {
        _events.Clear();
        var requests = new List<string>();
        var errors = new List<string>();
        await _devTools.SendAsync("Page.navigate", new { url = new Uri(Path.GetFullPath(path)).AbsoluteUri }, _session);
        var clock = Stopwatch.StartNew();
        var loaded = false;
        var lastNews = TimeSpan.Zero;
        while (!loaded || clock.Elapsed - lastNews < Quiet)
        {
            if (clock.Elapsed > LoadTimeout)
            {
                throw new TimeoutException($"{path} did not finish loading within {LoadTimeout.TotalSeconds} s");
            }
            while (_events.TryDequeue(out var e))
            {
                switch (e.Method)
                {
                    case "Page.loadEventFired":
                        loaded = true;
                        break;
                    case "Network.requestWillBeSent":
                        requests.Add(e.Parameters.GetProperty("request").GetProperty("url").GetString()!);
                        lastNews = clock.Elapsed;
                        break;
                    case "Runtime.exceptionThrown":
                        var details = e.Parameters.GetProperty("exceptionDetails");
                        errors.Add(details.TryGetProperty("exception", out var exception) && exception.TryGetProperty("description", out var d)
                            ? d.GetString()! : details.GetProperty("text").GetString()!);
                        break;
                    case "Log.entryAdded" when e.Parameters.GetProperty("entry").GetProperty("level").GetString() == "error":
                        var entry = e.Parameters.GetProperty("entry");
                        errors.Add(entry.GetProperty("text").GetString() + (entry.TryGetProperty("url", out var url) ? $" ({url.GetString()})" : ""));
                        break;
                }
            }
            await Task.Delay(50);
        }
        var evaluated = await _devTools.SendAsync("Runtime.evaluate", new { expression = ReadPage, returnByValue = true }, _session);
        var page = JsonDocument.Parse(evaluated.GetProperty("result").GetProperty("value").GetString()!).RootElement;
        if (screenshot is not null)
        {
            await ScreenshotAsync(screenshot);
        }
        return new PageVisit(requests, page.GetProperty("text").GetString()!, page.GetProperty("formulas").GetInt32(),
            page.GetProperty("typeset").GetInt32(), errors, page.GetProperty("load").GetDouble());
    }

    private async Task ScreenshotAsync(string file)
    {
        var metrics = await _devTools.SendAsync("Page.getLayoutMetrics", null, _session);
        var size = metrics.GetProperty("cssContentSize");
        var clip = new { x = 0, y = 0, width = size.GetProperty("width").GetDouble(), height = size.GetProperty("height").GetDouble(), scale = 1 };
        var shot = await _devTools.SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true, clip }, _session);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllBytesAsync(file, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _devTools.SendAsync("Browser.close").WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone or stuck: Stop ends it either way.
        }
        await _devTools.DisposeAsync();
        Stop(_process, _profile);
    }

    private static void Stop(Process process, string profile)
    {
        if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A profile file still being written by an exiting helper; the temp folder is cleaned some other time.
        }
    }
}
