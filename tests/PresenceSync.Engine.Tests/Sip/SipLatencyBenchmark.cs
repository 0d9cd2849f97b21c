using System;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Tests.Sip.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Engine.Tests.Sip
{
    /// <summary>
    /// Not a timed assertion: prints the time from a NOTIFY's receipt to its ACD event being handed
    /// to the sync (the real intake, one store transaction per batch), p50 and p99, with 500
    /// extensions subscribed and 250 calls among them placed by SIPp. It asserts only that every
    /// line came back to Idle. Run: dotnet test --filter SipLatencyBenchmark --logger "console;verbosity=detailed".
    /// </summary>
    [Collection("Loopback ports")]
    [Trait("Category", "Benchmark")]
    public class SipLatencyBenchmark : IDisposable
    {
        private readonly SipLab _lab = SipLab.Start();
        private readonly ITestOutputHelper _output;

        public SipLatencyBenchmark(ITestOutputHelper output) => _output = output;

        public void Dispose() => _lab.Dispose();

        [Fact]
        public void Notify_to_event_latency_with_500_extensions()
        {
            var extensions = Enumerable.Range(1000, 500).Select(n => n.ToString()).ToList();
            var setup = DateTime.UtcNow;
            _lab.Agents(extensions);
            new RuleService(_lab.Engine.Context).New(null, new RuleChange
            {
                Name = "Phones",
                Rows = new[] { "Ringing => Busy/InACall", "Dialing => Busy/InACall", "OnCall => Busy/InACall", "Idle => Clear" }.Select(RuleRowParser.Parse).ToList(),
                InternalCalls = InternalCallPolicy.Apply,
            });
            new AssignmentService(_lab.Engine.Context).Add(null, "Phones", AssignmentScope.Default, null, 100, false);
            _lab.Phones(extensions, ringMs: 500);
            var intake = new AcdEventIntake(_lab.Engine.Context);
            _lab.Run(target: new RecordingTarget(intake.Accept));
            _lab.WaitSubscribed(extensions, TimeSpan.FromSeconds(60));
            _lab.Target.WaitUntil(() => _lab.Target.Events.Count >= extensions.Count, TimeSpan.FromSeconds(30), "every line's first Idle");
            _output.WriteLine($"500 agents stored, registered and subscribed in {(DateTime.UtcNow - setup).TotalSeconds:0.0} s");
            var before = _lab.Target.Events.Count;

            var calls = Enumerable.Range(0, 250).Select(i => (extensions[2 * i], extensions[2 * i + 1])).ToList();
            var started = DateTime.UtcNow;
            var sipp = _lab.Calls(calls, talkMs: 2000, concurrent: 100, rate: 50);
            Assert.True(sipp.Wait(TimeSpan.FromMinutes(5)) == 0, sipp.Output);
            // Each call: Dialing, OnCall, Idle at the caller; Ringing, OnCall, Idle at the callee. Under this load Kamailio (one
            // worker) may publish a state so late that its NOTIFY already shows the next one; every line must still end Idle.
            _lab.Target.WaitUntil(() => extensions.All(e => _lab.Target.EventsFor(SipLab.AgentOf(e)) is var seen && seen.Count >= 3 && seen.Last().State == "Idle"),
                TimeSpan.FromSeconds(60), "every line back to Idle");
            var elapsed = DateTime.UtcNow - started;
            var onCall = _lab.Target.Events.Skip(before).Count(x => x.Event.State == "OnCall");
            _output.WriteLine($"OnCall seen on {onCall} of 500 call ends (the rest went straight from ringing or dialing to Idle in the PBX's NOTIFYs)");

            var latencies = _lab.Target.Events.Skip(before).Select(x => (x.SubmittedUtc - x.Event.Time!.Value).TotalMilliseconds).OrderBy(x => x).ToList();
            double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * q))];
            _output.WriteLine($"250 calls among 500 extensions in {elapsed.TotalSeconds:0.0} s: {latencies.Count} events, " +
                              $"{latencies.Count / elapsed.TotalSeconds:0} events/s");
            _output.WriteLine($"NOTIFY received -> ACD event handed to the sync (intake recorded it): p50 {P(0.50):0.00} ms, p99 {P(0.99):0.00} ms, max {latencies.Last():0.00} ms");
            Assert.DoesNotContain(_lab.Target.Results, r => r.Refused);
        }
    }
}
