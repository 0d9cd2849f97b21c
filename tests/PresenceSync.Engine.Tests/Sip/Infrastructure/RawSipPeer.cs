using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Tests.Sip.Infrastructure
{
    /// <summary>A raw UDP socket on loopback for sending hand-made (and malformed) SIP to the source, or for playing a server.</summary>
    public sealed class RawSipPeer : IDisposable
    {
        private readonly UdpClient _udp;

        public RawSipPeer(int port = 0)
        {
            _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
        }

        public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

        public void Send(string text, IPEndPoint to) => Send(Encoding.UTF8.GetBytes(text), to);

        public void Send(byte[] bytes, IPEndPoint to) => _udp.Send(bytes, bytes.Length, to);

        /// <summary>The next message, or null when none came in time.</summary>
        internal (SipMessage Message, IPEndPoint From)? Receive(TimeSpan timeout)
        {
            _udp.Client.ReceiveTimeout = (int)Math.Max(1, timeout.TotalMilliseconds);
            try
            {
                IPEndPoint? from = null;
                var data = _udp.Receive(ref from);
                return (SipParser.Parse(data, 0, data.Length, SipLimits.Default), from!);
            }
            catch (SocketException)
            {
                return null;
            }
        }

        /// <summary>Sends over a fresh TCP connection and reads the first response on it.</summary>
        internal static SipMessage? SendTcp(byte[] bytes, IPEndPoint to, TimeSpan timeout)
        {
            using var tcp = new TcpClient();
            tcp.Connect(to);
            tcp.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            var stream = tcp.GetStream();
            stream.Write(bytes, 0, bytes.Length);
            var buffer = new byte[65536];
            var filled = 0;
            try
            {
                while (filled < buffer.Length)
                {
                    var read = stream.Read(buffer, filled, buffer.Length - filled);
                    if (read == 0) break;
                    filled += read;
                    var end = SipParser.FindHeaderEnd(buffer, 0, filled, SipLimits.Default);
                    if (end > 0) return SipParser.Parse(buffer, 0, end, SipLimits.Default);
                }
            }
            catch (IOException)
            {
            }
            return null;
        }

        public void Dispose() => _udp.Dispose();
    }
}
