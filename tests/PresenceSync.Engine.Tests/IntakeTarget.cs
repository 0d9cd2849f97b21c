using System.Collections.Generic;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Tests
{
    /// <summary>A source's target without a running sync: events are only checked and recorded, health is kept for asserts.</summary>
    internal sealed class IntakeTarget : IAcdEventTarget
    {
        private readonly AcdEventIntake _intake;

        public IntakeTarget(EngineContext context) => _intake = new AcdEventIntake(context);

        public List<SourceHealth> Health { get; } = new List<SourceHealth>();
        public List<(string Unit, string Agent, long Id)> Signals { get; } = new List<(string, string, long)>();

        public IReadOnlyList<AcdEventResult> Submit(IReadOnlyList<AcdEvent> events) => _intake.AcceptAll(events);

        public void Recorded(string businessUnit, string agentId, long eventId)
        {
            lock (Signals) Signals.Add((businessUnit, agentId, eventId));
        }

        public void Report(SourceHealth health)
        {
            lock (Health) Health.Add(health);
        }
    }
}
