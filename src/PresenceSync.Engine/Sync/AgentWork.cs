using System;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Sync
{
    /// <summary>One agent in one pass: its rule, its Teams user and what the engine knows of it.</summary>
    internal sealed class AgentWork
    {
        public AgentWork(string agentId, Guid teamsUserId, PresenceRule rule, AgentSyncState state)
        {
            AgentId = agentId;
            TeamsUserId = teamsUserId;
            Rule = rule;
            State = state;
            LoadedEventId = state.AcdEventId;
            LoadedStateUtc = state.AcdStateUtc;
        }

        /// <summary>The ACD side as the pass read it: an event that arrives later must not be overwritten.</summary>
        public long? LoadedEventId { get; }
        public DateTime? LoadedStateUtc { get; }

        public string AgentId { get; }
        public Guid TeamsUserId { get; }
        public PresenceRule Rule { get; }
        public AgentSyncState State { get; }
    }
}
