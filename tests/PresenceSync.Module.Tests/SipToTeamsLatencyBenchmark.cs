using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PresenceSync.Engine.Tests.Sip.Infrastructure;
using PresenceSync.Module.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Module.Tests
{
    /// <summary>A tenant large enough for 500 agents on every 7th user.</summary>
    public sealed class LargeSyncFixture : TenantFixture
    {
        protected override int UserCount => 4000;
    }

    /// <summary>
    /// Not a timed assertion: prints NOTIFY-to-Graph-write latency, p50/p95/p99/max, with 500
    /// extensions subscribed through Kamailio and 250 outside calls placed by SIPp: from the
    /// NOTIFY's arrival (the SIP event's time) to the confirmed Teams write of its agent
    /// (Get-PresenceSyncHistory: TimeUtc - EventTimeUtc), through a running Start-PresenceSync
    /// with its default 100 ms coalescing window. It asserts only that every call was written and
    /// cleared. Run: dotnet test --filter SipToTeamsLatencyBenchmark --logger "console;verbosity=detailed".
    /// </summary>
    [Collection("Loopback ports")]
    [Trait("Category", "Benchmark")]
    public class SipToTeamsLatencyBenchmark : ModuleTestBase, IClassFixture<LargeSyncFixture>, IDisposable
    {
        private const int Lines = 500, Calls = 250;
        private readonly LargeSyncFixture _tenant;
        private readonly ITestOutputHelper _output;
        private readonly int _gatewayPort = FreePort.Both();
        private readonly int _phonesPort = FreePort.Both();
        private readonly KamailioServer _kamailio;
        private readonly List<Sipp> _sipps = new List<Sipp>();

        public SipToTeamsLatencyBenchmark(LargeSyncFixture tenant, ITestOutputHelper output)
        {
            _tenant = tenant;
            _output = output;
            _kamailio = KamailioServer.Start(c => c.GatewayPort = _gatewayPort);
        }

        public new void Dispose()
        {
            foreach (var sipp in _sipps) sipp.Dispose();
            _kamailio.Dispose();
            base.Dispose();
        }

        private static string Folder => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "presencesync-sipp");

        [Fact]
        public async Task Notify_to_Graph_write_latency_with_500_extensions()
        {
            var setup = DateTime.UtcNow;
            var extensions = Enumerable.Range(2000, Lines).Select(n => n.ToString()).ToList();
            Ps.Run(TenantFixture.Connect + " | Out-Null; Sync-PresenceTeamsUser | Out-Null; " +
                   $"1..{Lines} | ForEach-Object {{ [pscustomobject]@{{ AgentId = \"S$_\"; Email = ('user{{0:0000}}@contoso.test' -f ($_ * 7 + 1)); Extension = \"$(1999 + $_)\" }} }} | Import-PresenceAgent; " +
                   "Add-PresenceUserMapping -Auto | Out-Null; " +
                   "New-PresenceRule -Name Phones -Row 'Ringing => Busy/InACall', 'Dialing => Busy/InACall', 'OnCall => Busy/InACall', 'Idle => Clear' | Out-Null; " +
                   "Add-PresenceRuleAssignment -Rule Phones -Default | Out-Null; " +
                   $"New-PresenceSipSource -Registrar {_kamailio.Registrar} -Domain {_kamailio.Domain} -LocalAddress 127.0.0.1 | Out-Null", _tenant.Variables).ThrowOnError();
            using (var register = Sipp.Start("register.xml", FreePort.Both(), $"127.0.0.1:{_kamailio.Port}", "-inf", Sipp.InjectionFile(Folder, extensions),
                       "-key", "uas_port", _phonesPort.ToString(), "-m", Lines.ToString(), "-r", "200", "-timeout", "60"))
                Assert.True(register.Wait(TimeSpan.FromSeconds(90)) == 0, register.Output);
            _sipps.Add(Sipp.Start("uas.xml", _phonesPort, "", "-d", "500"));
            _sipps.Add(Sipp.Start("uas.xml", _gatewayPort, "", "-d", "500"));

            using var background = new PowerShellSession(Ps.StorePath);
            var sync = Task.Run(() => background.Run("Start-PresenceSync -PollInterval 00:00:10 -Duration 00:08:00", _tenant.Variables));
            try
            {
                await Poll.Until(() => Ps.Run("@((Get-PresenceSyncStatus).Sources | Where-Object { $_.Healthy -and $_.Item -like 'Default/2*' }).Count")
                    .Output.Select(o => (int)o.BaseObject).FirstOrDefault() >= Lines || sync.IsCompleted, TimeSpan.FromMinutes(3), "500 extensions subscribed");
                Assert.False(sync.IsCompleted, "the sync ended early");
                _output.WriteLine($"{Lines} agents stored, registered and subscribed in {(DateTime.UtcNow - setup).TotalSeconds:0.0} s");

                var started = DateTime.UtcNow;
                var calls = extensions.Take(Calls).Select((e, i) => e + ";0301" + i.ToString("0000"));
                var sipp = Sipp.Start("uac.xml", FreePort.Both(), $"127.0.0.1:{_kamailio.Port}", "-inf", Sipp.InjectionFile(Folder, calls), "-d", "2000",
                    "-m", Calls.ToString(), "-l", "25", "-r", "10", "-timeout", "300");
                _sipps.Add(sipp);
                Assert.True(sipp.Wait(TimeSpan.FromMinutes(5)) == 0, sipp.Output);

                List<(DateTime Time, DateTime Event, string? After)> Written() => Ps.Run("Get-PresenceSyncHistory -Direction ToTeams | Where-Object EventSource -eq Sip")
                    .Output.Select(o => ((DateTime)o.Properties["TimeUtc"].Value, (DateTime?)o.Properties["EventTimeUtc"].Value ?? DateTime.MinValue, (string?)o.Properties["After"].Value)).ToList();
                await Poll.Until(() => Written().Count(w => w.After == "Busy/InACall") >= Calls && Written().Count(w => w.After != "Busy/InACall") >= Calls,
                    TimeSpan.FromMinutes(2), "every call written and cleared");
                var elapsed = DateTime.UtcNow - started;
                var latencies = Written().Where(w => w.Event != DateTime.MinValue).Select(w => (w.Time - w.Event).TotalMilliseconds).OrderBy(x => x).ToList();
                double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * q))];
                _output.WriteLine($"{Calls} outside calls on {Lines} subscribed extensions in {elapsed.TotalSeconds:0.0} s: {latencies.Count} Teams writes");
                _output.WriteLine($"NOTIFY received -> Graph write confirmed (incl. the 100 ms coalescing window): p50 {P(0.50):0} ms, p95 {P(0.95):0} ms, p99 {P(0.99):0} ms, max {latencies[^1]:0} ms");
            }
            finally
            {
                Ps.Run("Stop-PresenceSync");
            }
            Assert.Null((await sync).Terminating);
        }
    }
}
