using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace CourseKit.Notebooks.Tests.Browser;

/// <summary>
/// The Chrome DevTools protocol over a WebSocket: commands with their answers, and events for whoever listens.
/// Only what the page tests need (flat sessions, JSON in and out).
/// </summary>
internal sealed class DevToolsConnection : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, (string Method, TaskCompletionSource<JsonElement> Answer)> _pending = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private Task _reading = Task.CompletedTask;
    private int _lastId;

    /// <summary>An event: its method (e.g. "Network.requestWillBeSent"), parameters and the session it belongs to.</summary>
    public event Action<string, JsonElement, string?>? Event;

    public static async Task<DevToolsConnection> ConnectAsync(Uri endpoint)
    {
        var connection = new DevToolsConnection();
        connection._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await connection._socket.ConnectAsync(endpoint, CancellationToken.None);
        connection._reading = Task.Run(connection.ReadAsync);
        return connection;
    }

    /// <summary>Sends a command (to <paramref name="sessionId"/>'s target, else to the browser) and returns its result.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = (method, answer);
        var message = new Dictionary<string, object> { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new { } };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
        return await answer.Task.WaitAsync(CommandTimeout);
    }

    private async Task ReadAsync()
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                buffer.Clear();
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer.GetMemory(1 << 16), CancellationToken.None);
                    buffer.Advance(received.Count);
                }
                while (!received.EndOfMessage);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                Dispatch(buffer.WrittenMemory);
            }
        }
        catch (WebSocketException)
        {
            // The browser went away; the commands still waiting fail below.
        }
        foreach (var (_, (method, answer)) in _pending)
        {
            answer.TrySetException(new InvalidOperationException($"the browser closed the connection before answering {method}"));
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("id", out var id))
        {
            if (_pending.TryRemove(id.GetInt32(), out var pending))
            {
                if (root.TryGetProperty("error", out var error))
                {
                    pending.Answer.TrySetException(new InvalidOperationException($"{pending.Method} failed: {error}"));
                }
                else
                {
                    pending.Answer.TrySetResult(root.GetProperty("result").Clone());
                }
            }
            return;
        }
        if (root.TryGetProperty("method", out var method))
        {
            Event?.Invoke(method.GetString()!, root.TryGetProperty("params", out var p) ? p.Clone() : default,
                root.TryGetProperty("sessionId", out var session) ? session.GetString() : null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException)
            {
                // Closing a connection to a browser that is shutting down may fail; nothing is left to do with it.
            }
        }
        await _reading.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _socket.Dispose();
        _sending.Dispose();
    }
}
