using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>Plain sockets for clients that no HttpClient would be: ones that announce a body and never send it, or trickle bytes.</summary>
    public static class RawHttp
    {
        public static async Task<Socket> Connect(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return socket;
        }

        /// <summary>Reads what the server sends until it closes the connection (or the deadline passes: null).</summary>
        public static async Task<string?> ReadUntilClosed(Socket socket, TimeSpan deadline)
        {
            var text = new StringBuilder();
            var buffer = new byte[4096];
            using var cts = new CancellationTokenSource(deadline);
            try
            {
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                    if (read == 0) return text.ToString();
                    text.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
            }
            catch (SocketException) { return text.ToString(); } // reset: closed as well
            catch (OperationCanceledException) { return null; }
        }
    }
}
