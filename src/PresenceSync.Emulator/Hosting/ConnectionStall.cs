using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using PresenceSync.Emulator.Control;

namespace PresenceSync.Emulator.Hosting;

/// <summary>
/// The "stallConnections" fault at TCP level, in front of TLS: a new connection is accepted and then
/// nothing at all happens on it (no TLS handshake, no answer) until the client closes it or the
/// rule's real time is over. Connections already open keep working, so a client with a warm
/// connection pool notices only when it opens a new one. The emulator's own $batch replays connect
/// from <see cref="SelfAddress"/> and are never stalled.
/// </summary>
internal static class ConnectionStall
{
    /// <summary>The loopback address the emulator's own client binds to, so its connections are told apart.</summary>
    public static readonly IPAddress SelfAddress = IPAddress.Parse("127.0.0.2");

    public static Func<ConnectionDelegate, ConnectionDelegate> Middleware(FaultInjector faults) => next => async connection =>
    {
        if (connection.RemoteEndPoint is IPEndPoint { Address: var remote } && remote.Equals(SelfAddress)
            || faults.TakeFor(FaultRule.GraphTarget, "", null, null, "stallConnections") is not { } rule)
        {
            await next(connection);
            return;
        }
        try { await Task.Delay(TimeSpan.FromSeconds(rule.HangSeconds), connection.ConnectionClosed); }
        catch (OperationCanceledException) { }
        connection.Abort();
    };

    /// <summary>The emulator's client for its own endpoints ($batch items): pinned to its certificate, connecting from <see cref="SelfAddress"/> where the OS allows it.</summary>
    public static HttpClient SelfClient(string thumbprint) =>
        new(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) =>
                cert is not null && string.Equals(cert.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase) },
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    try { socket.Bind(new IPEndPoint(SelfAddress, 0)); }
                    catch (SocketException) { } // no 127.0.0.2 here (macOS): connect from the default address
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        }) { Timeout = TimeSpan.FromSeconds(100) };
}
