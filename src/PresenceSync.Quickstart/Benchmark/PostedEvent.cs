using System;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>One posted event: whose, which state, when it left the driver, and the endpoint's status.</summary>
    internal sealed record PostedEvent(string AgentId, string State, DateTimeOffset PostedAt, int Status);
}
