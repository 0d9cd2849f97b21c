using System.Net;
using System.Net.Sockets;

namespace PresenceSync.Engine.Tests.Sip.Infrastructure
{
    /// <summary>A loopback port free for both UDP and TCP at the moment of asking (SIP servers listen on both).</summary>
    public static class FreePort
    {
        public static int Both()
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var tcp = new TcpListener(IPAddress.Loopback, 0);
                tcp.Start();
                var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
                try
                {
                    using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                    return port;
                }
                catch (SocketException)
                {
                }
                finally
                {
                    tcp.Stop();
                }
            }
            throw new SocketException((int)SocketError.AddressAlreadyInUse);
        }
    }
}
