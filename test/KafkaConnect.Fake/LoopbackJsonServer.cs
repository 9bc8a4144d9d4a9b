using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace KafkaConnect.Fake;

/// <summary>
/// A JSON HTTP server on 127.0.0.1 with a free port, for fakes of the services the code under test calls (DynamoDB, the
/// Kubernetes API): it starts, answers every request with what <see cref="Answer"/> returns, and stops on dispose.
/// Subclasses call <see cref="Start"/> at the end of their constructor, once their own state exists.
/// </summary>
public abstract class LoopbackJsonServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string contentType;
    private Task serving = Task.CompletedTask;

    protected LoopbackJsonServer(string contentType) => this.contentType = contentType;

    /// <summary>The server's base URL, without a trailing slash.</summary>
    public string Server { get; private set; } = "";

    /// <summary>The status and body for one request; its input stream is the request body.</summary>
    protected abstract (int Status, JsonNode Body) Answer(HttpListenerRequest request);

    protected void Start()
    {
        // Another process may take the probed port before the listener binds it: try a few.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                Server = $"http://127.0.0.1:{port}";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        serving = Task.Run(ServeAsync);
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's shutdown ends the pending GetContextAsync with an exception.
        }

        GC.SuppressFinalize(this);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var (status, body) = Answer(context.Request);
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
