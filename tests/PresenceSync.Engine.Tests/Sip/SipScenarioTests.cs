using System;
using System.Collections.Generic;
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
    /// The scripted scenario of issue 12: 20 extensions, 50 calls placed by SIPp through Kamailio
    /// among them and with outside numbers. Every call gives the right events on both ends, every
    /// hang-up an Idle, and the real intake records them by the rule: internal calls ignored.
    /// </summary>
    [Collection("Loopback ports")]
    public class SipScenarioTests : IDisposable
    {
        private readonly SipLab _lab = SipLab.Start();
        private readonly ITestOutputHelper _output;

        public SipScenarioTests(ITestOutputHelper output) => _output = output;

        public void Dispose() => _lab.Dispose();

        /// <summary>
        /// 30 internal calls, 10 to outside numbers, 10 from them. An extension is never used again
        /// within the next 6 calls, so with at most 3 calls at once its calls never overlap and each
        /// hang-up must give an Idle of its own.
        /// </summary>
        private static List<(string From, string To)> Script(IReadOnlyList<string> extensions)
        {
            var random = new Random(1211);
            var calls = new List<(string, string)>();
            var recent = new Queue<string>();
            for (var i = 0; i < 50; i++)
            {
                var free = extensions.Where(e => !recent.Contains(e)).OrderBy(_ => random.Next()).ToList();
                (string, string) call = (i % 5) switch
                {
                    3 => (free[0], "0301234" + i.ToString("000")),
                    4 => ("0309876" + i.ToString("000"), free[0]),
                    _ => (free[0], free[1]),
                };
                calls.Add(call);
                var used = new[] { call.Item1, call.Item2 }.Where(extensions.Contains).ToList();
                foreach (var e in used) recent.Enqueue(e);
                while (recent.Count > 12) recent.Dequeue();
            }
            return calls;
        }

        [Fact]
        public void Fifty_calls_among_twenty_extensions_each_give_the_right_events_and_every_hangup_an_Idle()
        {
            var extensions = Enumerable.Range(101, 20).Select(n => n.ToString()).ToList();
            _lab.Agents(extensions);
            new RuleService(_lab.Engine.Context).New(null, new RuleChange
            {
                Name = "Phones",
                Rows = new[] { "Ringing => Busy/InACall", "Dialing => Busy/InACall", "OnCall => Busy/InACall", "Idle => Clear" }.Select(RuleRowParser.Parse).ToList(),
                InternalCalls = InternalCallPolicy.Ignore,
            });
            new AssignmentService(_lab.Engine.Context).Add(null, "Phones", AssignmentScope.Default, null, 100, false);
            _lab.Phones(extensions, ringMs: 600);
            var intake = new AcdEventIntake(_lab.Engine.Context);
            _lab.Run(target: new RecordingTarget(intake.Accept));
            _lab.WaitSubscribed(extensions, TimeSpan.FromSeconds(30));
            _lab.Target.WaitUntil(() => extensions.All(e => _lab.Target.EventsFor(SipLab.AgentOf(e)).Count == 1), TimeSpan.FromSeconds(15), "every line's first Idle");

            var script = Script(extensions);
            var started = DateTime.UtcNow;
            var sipp = _lab.Calls(script, talkMs: 1200, concurrent: 3, rate: 3);
            Assert.True(sipp.Wait(TimeSpan.FromMinutes(5)) == 0, sipp.Output);
            _output.WriteLine($"50 calls placed and ended in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");

            // What each extension must have seen: its first Idle, then per call of its own three events.
            var expected = extensions.ToDictionary(e => e, e => new List<(string, CallType)> { ("Idle", CallType.None) });
            foreach (var (from, to) in script)
            {
                var internalCall = expected.ContainsKey(from) && expected.ContainsKey(to);
                if (expected.ContainsKey(from))
                    expected[from].AddRange(new[] { ("Dialing", internalCall ? CallType.Internal : CallType.Outbound), ("OnCall", internalCall ? CallType.Internal : CallType.Outbound), ("Idle", CallType.None) });
                if (expected.ContainsKey(to))
                    expected[to].AddRange(new[] { ("Ringing", internalCall ? CallType.Internal : CallType.Inbound), ("OnCall", internalCall ? CallType.Internal : CallType.Inbound), ("Idle", CallType.None) });
            }
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !extensions.All(e => _lab.Target.EventsFor(SipLab.AgentOf(e)).Count >= expected[e].Count)) System.Threading.Thread.Sleep(100);
            foreach (var e in extensions)
            {
                var seen = _lab.Target.EventsFor(SipLab.AgentOf(e)).Select(x => (x.State!, x.CallType)).ToList();
                Assert.True(expected[e].SequenceEqual(seen),
                    $"Extension {e} (calls {string.Join(", ", script.Where(c => c.From == e || c.To == e).Select(c => c.From + ">" + c.To))}):\n" +
                    $"expected {string.Join(" ", expected[e])}\nseen     {string.Join(" ", seen)}\n{string.Join("\n", _lab.Target.Events.Where(x => x.Event.AgentId == SipLab.AgentOf(e)).Select(x => $"{x.Event.Time:HH:mm:ss.fff} {x.Event.State} {x.Event.Reason}"))}");
            }

            // The intake took them by the rule: internal calls ignored, outside calls and every Idle accepted, nothing refused.
            var results = _lab.Target.Results.ToList();
            var events = _lab.Target.Events.Select(x => x.Event).ToList();
            Assert.Equal(events.Count, results.Count);
            Assert.DoesNotContain(results, r => r.Refused);
            for (var i = 0; i < events.Count; i++)
                Assert.Equal(events[i].CallType == CallType.Internal ? "Ignored" : "Accepted", results[i].Status);
            Assert.Equal(20 + 2 * 30 * 3 + 20 * 3, events.Count);

            // NOTIFY received to event handed to the sync (store transaction included), for the record.
            var latencies = _lab.Target.Events.Select(x => (x.SubmittedUtc - x.Event.Time!.Value).TotalMilliseconds).OrderBy(x => x).ToList();
            _output.WriteLine($"NOTIFY-to-event latency over {latencies.Count} events: p50 {latencies[latencies.Count / 2]:0.0} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:0.0} ms");
        }
    }
}
