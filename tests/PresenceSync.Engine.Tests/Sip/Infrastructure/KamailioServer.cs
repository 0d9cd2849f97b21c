using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace PresenceSync.Engine.Tests.Sip.Infrastructure
{
    /// <summary>
    /// A Kamailio started by a test on 127.0.0.1 with a free port and a generated kamailio.cfg in a
    /// temp folder; stopped (and restarted on the same port, to test resubscription) by the test.
    /// </summary>
    public sealed class KamailioServer : IDisposable
    {
        private readonly KamailioConfig _config;
        private Process? _process;
        private readonly StringBuilder _log = new StringBuilder();

        private KamailioServer(KamailioConfig config) => _config = config;

        public int Port => _config.Port;
        public string Domain => KamailioConfig.Domain;
        public string Registrar => $"sip:127.0.0.1:{Port}";
        public KamailioConfig Config => _config;

        public string Log
        {
            get { lock (_log) return _log.ToString(); }
        }

        public static KamailioServer Start(Action<KamailioConfig>? configure = null)
        {
            _ = SipTools.Kamailio;
            Exception? last = null;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var config = new KamailioConfig
                {
                    Port = FreePort.Both(),
                    Folder = Path.Combine(Path.GetTempPath(), "presencesync-kamailio", Guid.NewGuid().ToString("N")),
                };
                configure?.Invoke(config);
                config.Write();
                var server = new KamailioServer(config);
                try
                {
                    server.Launch();
                    return server;
                }
                catch (Exception ex)
                {
                    last = ex;
                    server.Dispose();
                }
            }
            throw new InvalidOperationException("Kamailio did not start: " + last?.Message, last);
        }

        private void Launch()
        {
            var info = new ProcessStartInfo(SipTools.Kamailio)
            {
                // -DD: stay in the foreground (its children are killed with it); -E: log to stderr, which the test keeps.
                Arguments = $"-f \"{Path.Combine(_config.Folder, "kamailio.cfg")}\" -DD -E -m 64 -M 8 -P \"{Path.Combine(_config.Folder, "kamailio.pid")}\" -Y \"{_config.Folder}\"",
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = _config.Folder,
            };
            var process = new Process { StartInfo = info };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_log) _log.AppendLine(e.Data); };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_log) _log.AppendLine(e.Data); };
            process.Start();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            _process = process;
            WaitReady(TimeSpan.FromSeconds(15));
        }

        /// <summary>Polls with OPTIONS until Kamailio answers (the config answers OPTIONS to itself with 200).</summary>
        private void WaitReady(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            udp.Client.ReceiveTimeout = 200;
            var local = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
            while (DateTime.UtcNow < deadline)
            {
                if (_process!.HasExited) throw new InvalidOperationException($"Kamailio exited with {_process.ExitCode}:\n{Log}");
                var probe = Encoding.ASCII.GetBytes(
                    $"OPTIONS sip:127.0.0.1:{Port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
                    $"From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1:{Port}>\r\nCall-ID: {Guid.NewGuid():N}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
                udp.Send(probe, probe.Length, new IPEndPoint(IPAddress.Loopback, Port));
                try
                {
                    IPEndPoint? from = null;
                    var answer = Encoding.ASCII.GetString(udp.Receive(ref from));
                    if (answer.StartsWith("SIP/2.0 200", StringComparison.Ordinal))
                    {
                        WaitTcp(deadline);
                        return;
                    }
                }
                catch (SocketException)
                {
                }
                Thread.Sleep(100);
            }
            throw new TimeoutException($"Kamailio did not answer OPTIONS on port {Port}:\n{Log}");
        }

        private void WaitTcp(DateTime deadline)
        {
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    using var tcp = new TcpClient();
                    tcp.Connect(IPAddress.Loopback, Port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(100);
                }
            }
        }

        /// <summary>Stops Kamailio: every subscription, registration and dialog it held is gone.</summary>
        public void Stop()
        {
            var process = _process;
            _process = null;
            if (process == null) return;
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(10000);
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }

        /// <summary>Starts it again on the same port, with the same configuration.</summary>
        public void Restart()
        {
            Stop();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (true)
            {
                try
                {
                    Launch();
                    return;
                }
                catch (Exception) when (DateTime.UtcNow < deadline)
                {
                    Stop();
                    Thread.Sleep(500);
                }
            }
        }

        public void Dispose()
        {
            Stop();
            try { Directory.Delete(_config.Folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
