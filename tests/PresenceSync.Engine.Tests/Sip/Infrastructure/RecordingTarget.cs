using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Tests.Sip.Infrastructure
{
    /// <summary>
    /// A fake sync for the source: records every event and health record, answers events as the
    /// intake would (Accepted), or hands them to a real intake when one is given.
    /// </summary>
    public sealed class RecordingTarget : IAcdEventTarget
    {
        private readonly Func<AcdEvent, AcdEventResult>? _intake;

        public RecordingTarget(Func<AcdEvent, AcdEventResult>? intake = null) => _intake = intake;

        public ConcurrentQueue<(AcdEvent Event, DateTime SubmittedUtc)> Events { get; } = new ConcurrentQueue<(AcdEvent, DateTime)>();
        public ConcurrentQueue<SourceHealth> Health { get; } = new ConcurrentQueue<SourceHealth>();
        public ConcurrentQueue<AcdEventResult> Results { get; } = new ConcurrentQueue<AcdEventResult>();

        /// <summary>Each event is stamped when the intake has recorded it (SubmittedUtc), so latencies include the store write.</summary>
        public IReadOnlyList<AcdEventResult> Submit(IReadOnlyList<AcdEvent> events)
        {
            var results = new List<AcdEventResult>();
            lock (Events)
            {
                foreach (var e in events)
                {
                    var result = _intake != null ? _intake(e) : new AcdEventResult(Events.Count + 1, e.BusinessUnit ?? "Default", e.AgentId, e.State, "Accepted", null, null);
                    Events.Enqueue((e, DateTime.UtcNow));
                    Results.Enqueue(result);
                    results.Add(result);
                }
            }
            return results;
        }

        public void Recorded(string businessUnit, string agentId, long eventId) { }

        public void Report(SourceHealth health) => Health.Enqueue(health);

        public List<AcdEvent> EventsFor(string agentId) => Events.Select(e => e.Event).Where(e => e.AgentId == agentId).ToList();

        /// <summary>Polls until the condition holds; fails with what was seen when the deadline passes.</summary>
        public void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!condition())
            {
                if (DateTime.UtcNow > deadline)
                    throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}.\nEvents:\n{Describe()}\nHealth:\n{string.Join("\n", Health.Select(h => h.ToString()))}");
                Thread.Sleep(50);
            }
        }

        public string Describe() => string.Join("\n", Events.Select(e => $"{e.SubmittedUtc:HH:mm:ss.fff} {e.Event.AgentId} {e.Event.State} {e.Event.CallType} ({e.Event.Reason})"));
    }
}
