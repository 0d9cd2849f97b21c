using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Agents;
using PresenceSync.Engine.Mapping;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Source;

namespace PresenceSync.Engine.Tests.Sip.Infrastructure
{
    /// <summary>
    /// A PBX on loopback for one test: Kamailio, the extensions' phones (one SIPp UAS answering for
    /// all of them), an outside gateway (another SIPp UAS), a store with an agent per extension,
    /// and the SIP source running against a recording target.
    /// </summary>
    public sealed class SipLab : IDisposable
    {
        private readonly List<Sipp> _sipps = new List<Sipp>();
        private CancellationTokenSource? _stop;
        private Task? _running;

        private SipLab(KamailioServer kamailio, int gatewayPort)
        {
            Kamailio = kamailio;
            GatewayPort = gatewayPort;
            Engine = new EngineFixture();
        }

        public KamailioServer Kamailio { get; }
        public EngineFixture Engine { get; }
        public int GatewayPort { get; }
        public int PhonesPort { get; private set; }
        public RecordingTarget Target { get; private set; } = new RecordingTarget();
        internal SipDialogSource? Source { get; private set; }

        public static SipLab Start(Action<KamailioConfig>? configure = null)
        {
            _ = SipTools.Sipp;
            var gateway = FreePort.Both();
            var kamailio = KamailioServer.Start(c => { c.GatewayPort = gateway; configure?.Invoke(c); });
            return new SipLab(kamailio, gateway);
        }

        public static string AgentOf(string extension) => "A" + extension;

        /// <summary>An agent per extension (A101 has 101), each mapped to a Teams user unless told otherwise.</summary>
        public void Agents(IEnumerable<string> extensions, bool map = true)
        {
            var import = new AgentImport(Engine.Context, null);
            import.Begin();
            var mapping = new MappingService(Engine.Context);
            foreach (var ext in extensions)
            {
                import.Process(new AgentInput { AgentId = AgentOf(ext), Email = $"a{ext}@contoso.test", Extension = ext });
                if (!map) continue;
                Engine.User($"a{ext}@contoso.test");
                mapping.Add(null, AgentOf(ext), $"a{ext}@contoso.test");
            }
        }

        /// <summary>Registers the extensions at Kamailio with one phone (SIPp UAS) that rings for ringMs, then answers.</summary>
        public void Phones(IEnumerable<string> extensions, int ringMs)
        {
            PhonesPort = FreePort.Both();
            var list = extensions.ToList();
            Register(list);
            _sipps.Add(Sipp.Start("uas.xml", PhonesPort, "", "-d", ringMs.ToString()));
            _sipps.Add(Sipp.Start("uas.xml", GatewayPort, "", "-d", ringMs.ToString()));
        }

        /// <summary>(Re)registers extensions with the phones' Contact (after a Kamailio restart its location table is empty).</summary>
        public void Register(IReadOnlyCollection<string> list)
        {
            var file = Sipp.InjectionFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "presencesync-sipp"), list);
            using (var register = Sipp.Start("register.xml", FreePort.Both(), $"127.0.0.1:{Kamailio.Port}", "-inf", file, "-key", "uas_port", PhonesPort.ToString(),
                       "-m", list.Count.ToString(), "-r", "200", "-timeout", "30"))
            {
                var rc = register.Wait(TimeSpan.FromSeconds(60));
                if (rc != 0) throw new InvalidOperationException($"Registering {list.Count} extensions failed ({rc}):\n{register.Output}");
            }
        }

        /// <summary>Places calls (from;to per line) through Kamailio; each talks for talkMs after it is answered.</summary>
        public Sipp Calls(IEnumerable<(string From, string To)> calls, int talkMs, int concurrent = 1, double rate = 10)
        {
            var list = calls.ToList();
            var file = Sipp.InjectionFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "presencesync-sipp"), list.Select(c => c.From + ";" + c.To));
            var sipp = Sipp.Start("uac.xml", FreePort.Both(), $"127.0.0.1:{Kamailio.Port}", "-inf", file, "-d", talkMs.ToString(),
                "-m", list.Count.ToString(), "-l", concurrent.ToString(), "-r", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-timeout", "300");
            _sipps.Add(sipp);
            return sipp;
        }

        internal SipSourceSettings Settings(Action<SipSourceSettings>? tweak = null)
        {
            var settings = new SipSourceSettings
            {
                BusinessUnit = "Default",
                Registrar = SipUri.Parse(Kamailio.Registrar),
                Domain = Kamailio.Domain,
                UserName = Kamailio.Config.AuthUser,
                Password = () => Kamailio.Config.AuthAlgorithm != null ? Kamailio.Config.Password : null,
                LocalAddress = System.Net.IPAddress.Loopback,
                T1 = TimeSpan.FromMilliseconds(200),
                FirstBackoff = TimeSpan.FromMilliseconds(500),
                LongestBackoff = TimeSpan.FromSeconds(5),
                ReloadInterval = TimeSpan.FromSeconds(2),
                InputRecordInterval = TimeSpan.Zero,
                SubscribeRate = 200,
            };
            tweak?.Invoke(settings);
            return settings;
        }

        /// <summary>Starts the SIP source against a fresh recording target.</summary>
        internal void Run(Action<SipSourceSettings>? tweak = null, RecordingTarget? target = null)
        {
            Target = target ?? new RecordingTarget();
            Source = new SipDialogSource(Engine.Context, Settings(tweak));
            _stop = new CancellationTokenSource();
            var token = _stop.Token;
            var source = Source;
            var t = Target;
            _running = Task.Run(() => source.RunAsync(t, token));
        }

        /// <summary>Waits until every listed extension reported a healthy subscription.</summary>
        public void WaitSubscribed(IEnumerable<string> extensions, TimeSpan timeout)
        {
            var items = extensions.Select(e => "Default/" + e).ToList();
            Target.WaitUntil(() =>
            {
                var latest = Target.Health.Where(h => h.Item != null).GroupBy(h => h.Item!).ToDictionary(g => g.Key, g => g.Last());
                return items.All(i => latest.TryGetValue(i, out var h) && h.Healthy);
            }, timeout, "every extension subscribed");
        }

        public void StopSource()
        {
            _stop?.Cancel();
            try { _running?.Wait(TimeSpan.FromSeconds(15)); } catch (AggregateException) { }
        }

        public void Dispose()
        {
            StopSource();
            foreach (var s in _sipps) s.Dispose();
            Kamailio.Dispose();
        }
    }
}
